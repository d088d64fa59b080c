package com.rushgate.e2e.targets;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.regions.Region;

/**
 * What a run against a deployed stack is told on the command line, read once from the system
 * properties; an incomplete or malformed set is refused with every problem named.
 *
 * @param api      {@value #API}: the API's base URL, the stack's output {@code ApiUrl}
 * @param stack    {@value #STACK}: the CloudFormation stack, whose outputs name the user pool and tables
 * @param region   {@value #REGION}: where the stack is
 * @param endpoint {@value #ENDPOINT}, optional: one endpoint for every AWS call of the suite, for an
 *                 emulator; never set against AWS itself
 */
record DeployedConfig(URI api, String stack, Region region, Optional<URI> endpoint) {

    static final String API = "rushgate.api";
    static final String STACK = "rushgate.stack";
    static final String REGION = "rushgate.region";
    static final String ENDPOINT = "rushgate.awsEndpoint";
    static final String USAGE = "mvn -pl e2e verify -Pe2e -D" + API + "=https://<api-id>.execute-api.<region>.amazonaws.com/<stage> -D"
            + STACK + "=<stack name> -D" + REGION + "=<region>";

    static DeployedConfig from(Properties properties) {
        List<String> problems = new ArrayList<>();
        String api = value(properties, API, problems);
        String stack = value(properties, STACK, problems);
        String region = value(properties, REGION, problems);
        URI apiUri = api == null ? null : httpUrl(API, api, problems);
        String endpoint = properties.getProperty(ENDPOINT, "");
        Optional<URI> endpointUri = isUnset(endpoint) ? Optional.empty()
                : Optional.ofNullable(httpUrl(ENDPOINT, endpoint.trim(), problems));
        if (region != null && !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            problems.add(REGION + " is not a region name: " + region);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot run against a deployed stack: " + String.join("; ", problems)
                    + ". Usage: " + USAGE);
        }
        return new DeployedConfig(apiUri, stack, Region.of(region), endpointUri);
    }

    private static String value(Properties properties, String name, List<String> problems) {
        String value = properties.getProperty(name);
        if (isUnset(value)) {
            problems.add("-D" + name + " is missing");
            return null;
        }
        return value.trim();
    }

    /** Maven hands an undefined ${property} on as it is written. */
    private static boolean isUnset(String value) {
        return value == null || value.isBlank() || value.startsWith("${");
    }

    private static URI httpUrl(String name, String value, List<String> problems) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = URI.create(trimmed);
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())
                    || uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(name + " is not an http(s) base URL: " + value);
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not a URL: " + value);
            return null;
        }
    }
}
