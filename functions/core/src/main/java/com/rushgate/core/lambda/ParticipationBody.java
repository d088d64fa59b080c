package com.rushgate.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;

/**
 * The optional body of POST /events/{eventId}/participations: nothing, or a JSON object of at
 * most 4 KB with an optional {@code clientRef} string. Anything else is refused with a 4xx that
 * says why; nothing is stored for a refused body.
 */
public final class ParticipationBody {

    public static final int MAX_BYTES = 4096;
    public static final String CLIENT_REF = "clientRef";

    private ParticipationBody() {
    }

    /** @return the clientRef, or null when the body is absent or has none */
    public static String clientRef(APIGatewayProxyRequestEvent event) {
        byte[] bytes = bytesOf(event);
        if (bytes.length == 0) {
            return null;
        }
        if (bytes.length > MAX_BYTES) {
            throw new ClientException(ErrorCode.BODY_TOO_LARGE, "the body may be at most " + MAX_BYTES + " bytes");
        }
        requireJsonContentType(ApiRequests.header(event, "Content-Type"));
        JsonNode body;
        try {
            body = Json.mapper().readTree(utf8(bytes));
        } catch (JacksonException e) {
            throw new ClientException(ErrorCode.INVALID_BODY, "the body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ClientException(ErrorCode.INVALID_BODY, "the body must be a JSON object");
        }
        Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!CLIENT_REF.equals(field)) {
                throw new ClientException(ErrorCode.INVALID_BODY, "unknown field in body; only clientRef is allowed");
            }
        }
        JsonNode clientRef = body.get(CLIENT_REF);
        if (clientRef == null) {
            return null;
        }
        if (!clientRef.isTextual()) {
            throw new ClientException(ErrorCode.INVALID_BODY, "clientRef must be a string");
        }
        return clientRef.textValue();
    }

    private static byte[] bytesOf(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ClientException(ErrorCode.INVALID_BODY, "the body is not valid base64");
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return body.isBlank() ? new byte[0] : bytes;
    }

    private static void requireJsonContentType(String contentType) {
        if (contentType == null) {
            throw new ClientException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "a body needs Content-Type: application/json");
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ClientException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw new ClientException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be UTF-8");
            }
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ClientException(ErrorCode.INVALID_BODY, "the body is not valid UTF-8");
        }
    }
}
