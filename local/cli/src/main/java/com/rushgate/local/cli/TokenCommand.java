package com.rushgate.local.cli;

import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.stack.StackOptions;
import com.rushgate.local.template.StackModel;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a bearer token (a Cognito-style ID token) from the local issuer.")
final class TokenCommand implements Runnable {

    @Mixin
    Workspace workspace;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user's id: the token's subject.")
    String user;

    @Option(names = "--ttl", defaultValue = "1h", converter = Durations.class,
            description = "How long the token is valid, like 15m or 1h (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public void run() {
        String region = workspace.running().map(s -> s.region()).orElse(StackOptions.DEFAULT_REGION);
        StackModel model = workspace.running().map(workspace::model)
                .orElseGet(() -> workspace.model(workspace.parameters, region));
        StackModel.ApiSpec api = model.api().filter(a -> a.issuer() != null)
                .orElseThrow(() -> new CliException("the template's API has no Cognito authorizer; no token needed"));
        LocalIssuer issuer = new LocalIssuer(LocalIssuer.loadOrCreateKey(workspace.stateDir()), api.issuer(),
                api.audiences(), Clock.systemUTC());
        workspace.out().println(issuer.token(user, ttl));
    }
}
