package com.rushgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.cli.AdminTargets.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Which API a command talks to, without any network: the cases that never need to ask CloudFormation. */
class AdminTargetsTest {

    private final AtomicInteger cloudFormationAsked = new AtomicInteger();
    private final AdminTargets.Aws aws = new AdminTargets.Aws(() -> AwsCredentialsIdentity.create("AKIAENV", "secret"),
            () -> "us-west-2", region -> {
                cloudFormationAsked.incrementAndGet();
                throw new AssertionError("CloudFormation must not be asked");
            });
    private final AdminTargets targets = new AdminTargets(stateDir(), aws, AdminClient.defaultHttp(), Clock.systemUTC());

    private Path stateDir() {
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("rushgate-no-stack-here");
    }

    @Test
    void api_winsOverStack_andTakesItsRegionFromTheStageUrl() {
        Target target = targets.resolve("https://abc123.execute-api.eu-west-1.amazonaws.com/Prod", "rushgate", null);

        assertThat(target.api()).isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/Prod"));
        assertThat(target.region()).isEqualTo("eu-west-1");
        assertThat(target.credentials().get().accessKeyId()).isEqualTo("AKIAENV");
        assertThat(cloudFormationAsked).hasValue(0);
    }

    @Test
    void api_withRegion_takesTheRegionGiven_andACustomDomainTakesTheDefaultChains() {
        assertThat(targets.resolve("https://abc123.execute-api.eu-west-1.amazonaws.com/Prod", null, "eu-central-1").region())
                .isEqualTo("eu-central-1");
        assertThat(targets.resolve("https://drops.example.com/", null, null).region()).isEqualTo("us-west-2");
    }

    @Test
    void noOption_andNoRunningStack_saysHowToStartOneOrNameADeployedOne() {
        assertThatThrownBy(() -> targets.resolve(null, null, null)).isInstanceOf(CliException.class)
                .hasMessageContaining("no running stack in " + stateDir())
                .hasMessageContaining("./rushgate start")
                .hasMessageContaining("--stack NAME or --api URL");
    }

    @Test
    void regionOf_readsOnlyExecuteApiHosts() {
        assertThat(AdminTargets.regionOf(URI.create("https://x1y2.execute-api.ap-southeast-2.amazonaws.com/v1")))
                .hasValue("ap-southeast-2");
        assertThat(AdminTargets.regionOf(URI.create("http://127.0.0.1:3000"))).isEmpty();
    }
}
