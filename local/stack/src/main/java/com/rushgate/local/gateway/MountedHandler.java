package com.rushgate.local.gateway;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something the local gateway's HTTP server serves beside the API, under a path prefix of its own
 * (the operators' console, say): the server hands it the requests of its prefix before the API
 * stage, so they meet no WAF rule, throttle or authorizer and never reach a function. It exists only
 * locally; in AWS nothing answers those paths.
 */
public interface MountedHandler {

    /**
     * Answers one request under the prefix it was mounted at. A runtime exception is answered with
     * a 500 by the server.
     */
    Reply handle(Call call) throws IOException;

    /**
     * One request as sent.
     *
     * @param path    the path as sent, still percent-encoded, prefix included
     * @param query   the query as sent, or null
     * @param headers every header with all its values, names case-insensitive
     * @param body    the body, at most {@code ApiStage.MAX_BODY_BYTES} plus one byte
     */
    record Call(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        public Call {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            headers = copy;
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: its status, headers (Content-Type among them) and body. */
    record Reply(int status, Map<String, String> headers, byte[] body) {

        public Reply {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }
}
