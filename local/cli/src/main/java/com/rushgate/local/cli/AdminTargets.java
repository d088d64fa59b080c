package com.rushgate.local.cli;

import com.rushgate.local.auth.OperatorKey;
import com.rushgate.local.auth.SigV4Signing;
import com.rushgate.local.stack.StackState;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Which operators' API a command talks to, and as whom. In order: {@code --api URL} (a deployed
 * stage), else {@code --stack NAME} (the stage URL from the CloudFormation stack's {@code ApiUrl}
 * output), both with the credentials and region the aws CLI would use; else the running local
 * stack of the state directory, with its operator key.
 */
final class AdminTargets {

    /** An API to call, its region, and the credentials that sign for it. */
    record Target(URI api, String region, Supplier<AwsCredentialsIdentity> credentials, String description) {
    }

    /** What the environment gives: the aws CLI's credential and region chains, CloudFormation's endpoint. */
    record Aws(Supplier<AwsCredentialsIdentity> credentials, Supplier<String> region, Function<String, URI> cloudFormation) {

        static Aws fromEnvironment() {
            DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build();
            return new Aws(() -> {
                try {
                    return provider.resolveCredentials();
                } catch (SdkClientException e) {
                    throw new CliException("no AWS credentials found the way the aws CLI finds them (AWS_ACCESS_KEY_ID and"
                            + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE, a role of the container or the instance); SSO and"
                            + " role profiles: eval \"$(aws configure export-credentials --format env)\" first");
                }
            }, () -> {
                try {
                    return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
                } catch (SdkClientException e) {
                    throw new CliException("no region: give --region, or set AWS_REGION or the profile's region");
                }
            }, CloudFormationStacks::endpointOf);
        }
    }

    private static final Pattern EXECUTE_API_HOST = Pattern.compile("^[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com");

    private final Path stateDir;
    private final Aws aws;
    private final HttpClient http;
    private final Clock clock;

    AdminTargets(Path stateDir, Aws aws, HttpClient http, Clock clock) {
        this.stateDir = stateDir;
        this.aws = aws;
        this.http = http;
        this.clock = clock;
    }

    /**
     * @param api    the stage URL, or null
     * @param stack  the CloudFormation stack's name, or null
     * @param region the region, or null for the aws CLI's (AWS_REGION, the profile...)
     * @throws CliException when neither is given and no local stack runs
     */
    Target resolve(String api, String stack, String region) {
        if (api != null) {
            URI uri = URI.create(api);
            String apiRegion = region != null ? region : regionOf(uri).orElseGet(aws.region());
            return new Target(uri, apiRegion, aws.credentials(), "API " + uri);
        }
        if (stack != null) {
            String stackRegion = region != null ? region : aws.region().get();
            String url = new CloudFormationStacks(aws.cloudFormation().apply(stackRegion), stackRegion, aws.credentials(),
                    http, clock).outputs(stack).get("ApiUrl");
            if (url == null || url.isBlank()) {
                throw new CliException("the stack " + stack + " in " + stackRegion + " has no ApiUrl output");
            }
            return new Target(URI.create(url), stackRegion, aws.credentials(), "stack " + stack + " (" + url + ")");
        }
        StackState state = StackState.find(stateDir).orElseThrow(() -> new CliException("no running stack in " + stateDir
                + "; start one with ./rushgate start, or name a deployed one with --stack NAME or --api URL"));
        if (state.api() == null) {
            throw new CliException("the running stack has no API");
        }
        OperatorKey key = OperatorKey.find(stateDir).orElseThrow(() -> new CliException("no operator key in " + stateDir
                + "; restart the stack with ./rushgate start to make one"));
        return new Target(state.api(), state.region(), () -> SigV4Signing.credentials(key), "local stack " + state.api());
    }

    /** The region in an API Gateway stage URL ({@code https://ID.execute-api.REGION.amazonaws.com/STAGE}). */
    static Optional<String> regionOf(URI api) {
        Matcher matcher = EXECUTE_API_HOST.matcher(api.getHost() == null ? "" : api.getHost());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    AdminClient client(Target target) {
        return new AdminClient(target.api(), target.region(), target.credentials(), http, clock);
    }
}
