package io.smartlinkd.server;

import io.smartlinkd.text.Json;
import io.smartlinkd.config.ConfigError;
import java.util.List;

/** What one reload did: applied (with its generation), rejected (with the config errors) or failed. */
record ReloadResult(boolean applied, long generation, long links, List<ConfigError> errors, String failure) {
    static ReloadResult ok(long generation, long links) {
        return new ReloadResult(true, generation, links, List.of(), null);
    }

    static ReloadResult rejected(List<ConfigError> errors) {
        return new ReloadResult(false, 0, 0, errors, null);
    }

    static ReloadResult failed(String failure) {
        return new ReloadResult(false, 0, 0, List.of(), failure);
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"applied\":").append(applied);
        if (applied) {
            json.append(",\"generation\":").append(generation).append(",\"links\":").append(links);
        } else {
            json.append(",\"errors\":[");
            for (int i = 0; i < errors.size(); i++) {
                json.append(i == 0 ? "" : ",").append(Json.quote(errors.get(i).format()));
            }
            if (failure != null) {
                json.append(errors.isEmpty() ? "" : ",").append(Json.quote(failure));
            }
            json.append(']');
        }
        return json.append("}\n").toString();
    }
}
