package com.rushgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationStacksTest {

    /** A DescribeStacks answer as CloudFormation sends it (trimmed), with two outputs. */
    static final String DESCRIBE_STACKS = """
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStacksResult>
                <Stacks>
                  <member>
                    <StackName>rushgate</StackName>
                    <Parameters>
                      <member><ParameterKey>StageName</ParameterKey><ParameterValue>Prod</ParameterValue></member>
                    </Parameters>
                    <StackStatus>UPDATE_COMPLETE</StackStatus>
                    <Outputs>
                      <member>
                        <Description>Base URL of the participation API.</Description>
                        <OutputKey>ApiUrl</OutputKey>
                        <OutputValue>https://abc123.execute-api.eu-west-1.amazonaws.com/Prod</OutputValue>
                      </member>
                      <member>
                        <OutputKey>UserPoolId</OutputKey>
                        <OutputValue>eu-west-1_AbC</OutputValue>
                      </member>
                    </Outputs>
                  </member>
                </Stacks>
              </DescribeStacksResult>
              <ResponseMetadata><RequestId>0f0e</RequestId></ResponseMetadata>
            </DescribeStacksResponse>
            """;

    @Test
    void outputsOf_aDescribeStacksAnswer_givesEveryOutputByKey_andNotTheParameters() {
        assertThat(CloudFormationStacks.outputsOf(CloudFormationStacks.parse(DESCRIBE_STACKS)))
                .containsExactly(Map.entry("ApiUrl", "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod"),
                        Map.entry("UserPoolId", "eu-west-1_AbC"));
    }

    @Test
    void outputsOf_aStackWithoutOutputs_isEmpty() {
        String xml = "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><DescribeStacksResult>"
                + "<Stacks><member><StackName>s</StackName></member></Stacks></DescribeStacksResult></DescribeStacksResponse>";

        assertThat(CloudFormationStacks.outputsOf(CloudFormationStacks.parse(xml))).isEmpty();
    }

    @Test
    void parse_somethingThatIsNotXml_orHasADoctype_isRefused() {
        assertThatThrownBy(() -> CloudFormationStacks.parse("<html>oops")).isInstanceOf(AdminException.class)
                .hasMessageContaining("not XML");
        assertThatThrownBy(() -> CloudFormationStacks.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isInstanceOf(AdminException.class);
    }

    @Test
    void endpointOf_isTheRegionsQueryEndpoint() {
        assertThat(CloudFormationStacks.endpointOf("eu-west-1")).isEqualTo(URI.create("https://cloudformation.eu-west-1.amazonaws.com/"));
        assertThat(CloudFormationStacks.endpointOf("cn-north-1"))
                .isEqualTo(URI.create("https://cloudformation.cn-north-1.amazonaws.com.cn/"));
    }
}
