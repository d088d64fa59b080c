package com.rushgate.local.cli;

import com.rushgate.local.chaos.ChaosControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Changes the fault level of a stack started with --chaos: 0 stops the faults,",
                "0.2 makes a fifth of SQS sends, DynamoDB transitions and worker claims fail."})
final class ChaosCommand implements Runnable {

    @Mixin
    Workspace workspace;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FRACTION", description = "Between 0 and 0.5.")
    double level;

    @Override
    public void run() {
        workspace.requireRunning();
        if (level < 0 || level > 0.5) {
            throw new CliException("the fault level is a fraction between 0 and 0.5");
        }
        ChaosControl.write(workspace.stateDir(), level);
        spec.commandLine().getOut().printf("fault level set to %s (a stack started without --chaos ignores it)%n", level);
    }
}
