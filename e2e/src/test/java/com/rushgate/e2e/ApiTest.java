package com.rushgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.e2e.Api.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void parse_aChunkedAnswer_joinsItsChunks_andKeepsItsHeaders() {
        String answer = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "x-amzn-RequestId: 1f2e\r\n\r\n"
                + "b\r\n{\"error\":{\"\r\n"
                + "33;ext=1\r\ncode\":\"BAD_REQUEST\",\"message\":\"malformed request\"}}\r\n"
                + "0\r\n\r\n";

        Reply reply = Api.parse(answer.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(reply.header("X-Amzn-RequestId")).isEqualTo("1f2e");
    }

    @Test
    void parse_anAnswerWithALength_takesTheBodyAsItIs() {
        String body = "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"caf\u00e9\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(bytes, 0, answer, head.length, bytes.length);

        Reply reply = Api.parse(answer);

        assertThat(reply.json().at("/error/message").asText()).isEqualTo("caf\u00e9");
    }
}
