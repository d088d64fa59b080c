package com.rushgate.e2e.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackOutputsTest {

    /** A DescribeStacks answer as CloudFormation's query API gives it, cut to what the suite reads. */
    private static final String DESCRIBED = """
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStacksResult>
                <Stacks>
                  <member>
                    <StackName>rushgate-staging</StackName>
                    <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/rushgate-staging/1a2b</StackId>
                    <StackStatus>UPDATE_COMPLETE</StackStatus>
                    <Parameters>
                      <member>
                        <ParameterKey>ArrivalShards</ParameterKey>
                        <ParameterValue>16</ParameterValue>
                      </member>
                      <member>
                        <ParameterKey>StageName</ParameterKey>
                        <ParameterValue>prod</ParameterValue>
                      </member>
                    </Parameters>
                    <Outputs>
                      <member>
                        <Description>Cognito user pool that issues participants' tokens.</Description>
                        <OutputKey>UserPoolId</OutputKey>
                        <OutputValue>eu-west-1_AbCdEf123</OutputValue>
                      </member>
                      <member>
                        <OutputKey>RequestTableName</OutputKey>
                        <OutputValue>rushgate-staging-RequestTable-1XYZ</OutputValue>
                      </member>
                    </Outputs>
                    <Tags>
                      <member>
                        <Key>application</Key>
                        <Value>rushgate</Value>
                      </member>
                    </Tags>
                  </member>
                </Stacks>
              </DescribeStacksResult>
              <ResponseMetadata>
                <RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId>
              </ResponseMetadata>
            </DescribeStacksResponse>
            """;

    @Test
    void parse_readsOutputsAndParametersOfTheStack() {
        StackOutputs stack = StackOutputs.parse(DESCRIBED);

        assertThat(stack.stack()).isEqualTo("rushgate-staging");
        assertThat(stack.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(stack.output("UserPoolId")).isEqualTo("eu-west-1_AbCdEf123");
        assertThat(stack.output("RequestTableName")).isEqualTo("rushgate-staging-RequestTable-1XYZ");
        assertThat(stack.parameter("ArrivalShards")).isEqualTo("16");
    }

    @Test
    void output_thatTheStackLacks_namesWhatItHas_andTheRemedy() {
        StackOutputs stack = StackOutputs.parse(DESCRIBED);

        assertThatThrownBy(() -> stack.output("EventTableName"))
                .hasMessageContaining("stack rushgate-staging has no output EventTableName")
                .hasMessageContaining("[RequestTableName, UserPoolId]")
                .hasMessageContaining("deploy the current template.yaml");
    }

    @Test
    void parse_anAnswerWithoutExactlyOneStack_isRefused() {
        assertThatThrownBy(() -> StackOutputs.parse("<DescribeStacksResponse><DescribeStacksResult><Stacks/>"
                + "</DescribeStacksResult></DescribeStacksResponse>"))
                .hasMessageContaining("exactly one stack");
    }
}
