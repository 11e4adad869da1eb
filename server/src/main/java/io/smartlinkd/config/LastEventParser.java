package io.smartlinkd.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that remembers the last event handed to the composer, so limit errors that SnakeYAML raises without a
 * position (too many aliases, nesting too deep) can still point at a line.
 */
final class LastEventParser implements Parser {
    private final Parser parser;
    private Event last;

    LastEventParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
        last = parser.getEvent();
        return last;
    }

    /** Where the last event started; null before the first. */
    Mark lastMark() {
        return last == null ? null : last.getStartMark();
    }
}
