package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.ScheduleTrigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleReaderTest {

    @TempDir
    Path dir;

    @Test
    void scheduleAndScheduleV2_areRead_withTheirInputAndWhetherTheyAreOn() {
        List<ScheduleTrigger> schedules = ScheduleReader.read(TemplateFixture.of(dir, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        EveryMinute:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 minute)
                            Input: '{"sweep": true}'
                        Paused:
                          Type: Schedule
                          Properties:
                            Schedule: rate(2 hours)
                            Enabled: false
                        Noon:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: cron(0 12 * * ? *)
                        Stopped:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: rate(3 days)
                            State: DISABLED
                        Api:
                          Type: Api
                          Properties:
                            Path: /x
                            Method: get
                """).events());

        assertThat(schedules).containsExactly(
                new ScheduleTrigger("Fn", "EveryMinute", "rate(1 minute)", Duration.ofMinutes(1), "{\"sweep\": true}", true),
                new ScheduleTrigger("Fn", "Paused", "rate(2 hours)", Duration.ofHours(2), null, false),
                new ScheduleTrigger("Fn", "Noon", "cron(0 12 * * ? *)", null, null, true),
                new ScheduleTrigger("Fn", "Stopped", "rate(3 days)", Duration.ofDays(3), null, false));
    }

    @Test
    void rateExpressions_areRead() {
        assertThat(ScheduleReader.rate("rate(1 minute)")).hasValue(Duration.ofMinutes(1));
        assertThat(ScheduleReader.rate("rate(5 minutes)")).hasValue(Duration.ofMinutes(5));
        assertThat(ScheduleReader.rate(" rate(1 day) ")).hasValue(Duration.ofDays(1));
        assertThat(ScheduleReader.rate("cron(0 12 * * ? *)")).isEmpty();
    }
}
