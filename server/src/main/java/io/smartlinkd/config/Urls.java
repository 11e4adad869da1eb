package io.smartlinkd.config;

/** Reads URL-valued keys through {@link UrlCheck}, reporting at the value. */
final class Urls {
    private Urls() {
    }

    static String required(YamlMap map, String key) {
        return checked(map.get(key), map.requiredString(key));
    }

    static String optional(YamlMap map, String key) {
        return checked(map.get(key), map.optionalString(key));
    }

    static String checked(YamlValue value, String url) {
        if (url == null) {
            return null;
        }
        String problem = UrlCheck.problem(value.name(), url);
        if (problem != null) {
            value.error(problem);
            return null;
        }
        return url;
    }
}
