package io.smartlinkd.agent;

/**
 * Bot rules in force and their generation (counted modulo {@link Classification#GENERATIONS}). Cached answers carry
 * the generation they were made with, so a reload makes every older answer a miss at once, before the background
 * thread has emptied the cache.
 */
record ActiveRules(BotRules rules, int generation) {
    ActiveRules next(BotRules newRules) {
        return new ActiveRules(newRules, (generation + 1) % Classification.GENERATIONS);
    }
}
