package com.rushgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class AdminExceptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aRefusalOfTheApi_isItsCodeAndMessage_exitCode1() throws Exception {
        String body = "{\"error\":{\"code\":\"EVENT_EXISTS\",\"message\":\"event drop-1 exists\"}}";

        AdminException refused = AdminException.of(409, null, json(body), body);

        assertThat(refused.line()).isEqualTo("error: EVENT_EXISTS: event drop-1 exists");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.raw()).isEqualTo(body);
    }

    @Test
    void aSignatureRefusal_takesOurErrorObject_overApiGatewaysMessage() throws Exception {
        String body = "{\"message\":\"Signature expired: ...\",\"error\":{\"code\":\"INVALID_SIGNATURE\",\"message\":\"Signature expired: x\"}}";

        assertThat(AdminException.of(403, "InvalidSignatureException", json(body), body).line())
                .isEqualTo("error: INVALID_SIGNATURE: Signature expired: x");
    }

    @Test
    void anAnswerOfIamWithoutOurShape_usesTheErrorTypeHeaderAndItsMessage() throws Exception {
        String body = "{\"Message\":\"User: arn:aws:iam::1:user/bob is not authorized to perform: execute-api:Invoke\"}";

        AdminException denied = AdminException.of(403, "AccessDeniedException:http://internal.amazon.com/", json(body), body);

        assertThat(denied.line()).isEqualTo("error: AccessDeniedException: User: arn:aws:iam::1:user/bob is not authorized"
                + " to perform: execute-api:Invoke");
        assertThat(denied.exitCode()).isEqualTo(1);
    }

    @Test
    void aServerFailureWithoutABody_isItsStatus_exitCode2() {
        AdminException failed = AdminException.of(502, null, MissingNode.getInstance(), "");

        assertThat(failed.line()).isEqualTo("error: HTTP_502: HTTP 502");
        assertThat(failed.exitCode()).isEqualTo(2);
    }

    @Test
    void describe_namesTheFailure_andItsMessageWhenThereIsOne() {
        assertThat(AdminException.describe(new ConnectException())).isEqualTo("ConnectException");
        assertThat(AdminException.describe(new HttpTimeoutException("request timed out")))
                .isEqualTo("HttpTimeoutException (request timed out)");
    }
}
