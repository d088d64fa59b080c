package com.rushgate.local.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a cold-start probe runs: a function's jar and handler, with the environment it gets.
 *
 * @param name the function's logical id in the template, or "hello-world" for the yardstick
 */
record ProbeTarget(String name, String handler, Path jar, Map<String, String> environment) {
}
