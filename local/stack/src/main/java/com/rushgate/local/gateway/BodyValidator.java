package com.rushgate.local.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.rushgate.local.template.StackModel.BodyModel;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * API Gateway's request body validation for one route: the body is checked against the route's
 * model (JSON schema draft 4) when it is sent as JSON. Like API Gateway, a body of another content
 * type has no model to meet and goes through (the function refuses it); an absent body is refused
 * only when the model is required.
 */
final class BodyValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema schema;
    private final boolean required;

    BodyValidator(BodyModel model) {
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(JSON.valueToTree(model.schema()));
        this.required = model.required();
    }

    /** @return null when the body passes, else why it does not (for the local log) */
    String check(byte[] body, String contentType) {
        if (!isJson(contentType)) {
            return null;
        }
        if (body.length == 0) {
            return required ? "a body is required" : null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(utf8(body));
        } catch (JacksonException | CharacterCodingException e) {
            return "the body is not JSON";
        }
        if (json == null) {
            return required ? "a body is required" : null;
        }
        Set<ValidationMessage> errors = schema.validate(json);
        return errors.isEmpty() ? null : errors.iterator().next().getMessage();
    }

    /** API Gateway picks the model by media type and takes a request without one as application/json. */
    private static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
    }
}
