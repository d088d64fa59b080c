package com.rushgate.e2e.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.lambda.ApiResponses;
import com.rushgate.local.template.Template;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/openapi.yaml cannot drift from what it describes: the routes (the admin routes included),
 * body model, gateway responses and WAF bodies of template.yaml, the functions' error codes and
 * statuses (the operators' codes on the admin routes), the domain's enums and id formats. Fast: no sockets; a stack's real answers are checked by OpenApiContractIT.
 */
class OpenApiDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    /** Keywords that document a schema without constraining it. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "title", "description", "example", "examples");
    private static final List<String> METHODS = ApiContract.METHODS;
    /**
     * Gateway responses only a SigV4-signed request (the operators' AWS_IAM routes) can get: not in
     * the participants' ErrorCode, documented on the admin routes only (SignatureErrorCode).
     */
    private static final Set<String> SIGNED_ROUTES_ONLY = Set.of("INVALID_SIGNATURE", "EXPIRED_TOKEN");
    /** API Gateway keeps the original status of a DEFAULT_4XX / DEFAULT_5XX answer; these are the ones this API can meet. */
    private static final Map<String, Set<Integer>> DEFAULT_STATUSES = Map.of(
            "DEFAULT_4XX", Set.of(400),
            "DEFAULT_5XX", Set.of(500, 502, 504));

    private static ApiContract contract;
    private static Template template;

    @BeforeAll
    static void load() {
        contract = ApiContract.load();
        template = Template.load(ApiContract.templateFile());
    }

    // ------------------------------------------------------------------ routes and body

    @Test
    void spec_isOpenApi30_andParsesWithoutAWord() {
        assertThat(contract.api().getOpenapi()).startsWith("3.0.");
        assertThat(contract.api().getPaths()).isNotEmpty();
    }

    @Test
    void routes_areTheTemplatesApiEvents_exactly() {
        Set<String> inTemplate = new TreeSet<>();
        templateApiEvents().forEach(event -> inTemplate.add(
                String.valueOf(event.get("Method")).toUpperCase(Locale.ROOT) + " " + event.get("Path")));

        Set<String> inSpec = new TreeSet<>();
        map(contract.document().get("paths")).forEach((path, item) -> map(item).keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> inSpec.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertThat(inTemplate).isNotEmpty();
        assertThat(inSpec).isEqualTo(inTemplate);
    }

    @Test
    void requestBodies_areTheTemplatesModels_exactly() {
        Map<String, Object> models = map(template.properties(apiId()).get("Models"));
        int checked = 0;
        for (Map<String, Object> event : templateApiEvents()) {
            Map<String, Object> operation = operation(String.valueOf(event.get("Path")), String.valueOf(event.get("Method")));
            Map<String, Object> requestModel = map(event.get("RequestModel"));
            if (requestModel.isEmpty()) {
                assertThat(operation).as("%s %s has no model, so no body", event.get("Method"), event.get("Path"))
                        .doesNotContainKey("requestBody");
                continue;
            }
            Map<String, Object> body = map(operation.get("requestBody"));
            Map<String, Object> content = map(body.get("content"));
            assertThat(content.keySet()).as("API Gateway validates JSON bodies only").containsExactly("application/json");
            JsonNode specSchema = constraints(resolve(map(map(content.get("application/json")).get("schema"))));
            JsonNode modelSchema = constraints(map(models.get(String.valueOf(requestModel.get("Model")))));

            assertThat(specSchema).as("the spec's body schema against the %s model", requestModel.get("Model"))
                    .isEqualTo(modelSchema);
            assertThat(body.get("required")).isEqualTo(Boolean.parseBoolean(String.valueOf(requestModel.get("Required"))));
            checked++;
        }
        assertThat(checked).isPositive();
    }

    // ------------------------------------------------------------------ error codes

    @Test
    void errorCodeEnum_isEveryCodeAClientCanReceive_andNothingElse() {
        Set<String> receivable = new TreeSet<>();
        participantCodes().map(Enum::name).forEach(receivable::add);
        gatewayCodes().keySet().forEach(receivable::add);
        wafCodes().keySet().forEach(receivable::add);

        assertThat(new TreeSet<>(specEnum("ErrorCode"))).isEqualTo(receivable);
    }

    @Test
    void everyCode_isDocumentedAtEveryStatusItComesWith_andOnlyThere() {
        Map<String, Set<Integer>> sources = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            sources.computeIfAbsent(code.name(), k -> new TreeSet<>()).add(code.httpStatus());
        }
        gatewayCodes().forEach((code, statuses) -> sources.computeIfAbsent(code, k -> new TreeSet<>()).addAll(statuses));
        wafCodes().forEach((code, statuses) -> sources.computeIfAbsent(code, k -> new TreeSet<>()).addAll(statuses));
        signedRouteCodes().forEach((code, status) -> sources.computeIfAbsent(code, k -> new TreeSet<>()).add(status));

        Map<String, Set<Integer>> documented = new TreeMap<>();
        documentedCodes().forEach((status, codes) -> codes.forEach(
                code -> documented.computeIfAbsent(code, k -> new TreeSet<>()).add(status)));

        assertThat(documented).isEqualTo(sources);
    }

    @Test
    void operatorsCodes_areTheSpecsOperatorErrorCode_andDocumentedOnTheAdminRoutesOnly() {
        List<String> operators = Arrays.stream(ErrorCode.values()).filter(ErrorCode::operatorsOnly).map(Enum::name).toList();

        assertThat(operators).isNotEmpty();
        assertThat(specEnum("ErrorCode")).doesNotContainAnyElementsOf(operators);
        assertThat(specEnum("OperatorErrorCode")).containsExactlyInAnyOrderElementsOf(operators);
        Set<String> outsideAdmin = new TreeSet<>();
        contract.documentedAnswers().stream()
                .filter(answer -> answer.code() != null && operators.contains(answer.code()))
                .filter(answer -> !answer.operation().contains(" /admin/"))
                .forEach(answer -> outsideAdmin.add(answer.operation() + " " + answer.code()));
        assertThat(outsideAdmin).as("operators' codes documented outside /admin").isEmpty();
    }

    @Test
    void signatureCodes_areTheTemplatesSignedRouteResponses_andDocumentedOnTheAdminRoutesOnly() {
        Set<String> signed = signedRouteCodes().keySet();

        assertThat(signed).containsExactlyInAnyOrderElementsOf(SIGNED_ROUTES_ONLY);
        assertThat(specEnum("SignatureErrorCode")).containsExactlyInAnyOrderElementsOf(signed);
        assertThat(specEnum("ErrorCode")).doesNotContainAnyElementsOf(signed);
        assertThat(contract.documentedAnswers())
                .filteredOn(answer -> answer.code() != null && signed.contains(answer.code()))
                .isNotEmpty()
                .allSatisfy(answer -> assertThat(answer.operation()).contains(" /admin/"));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyFunctionErrorAnswer_isAValidAnswerOfSomeOperation(ErrorCode code) {
        APIGatewayProxyResponseEvent answer = ApiResponses.error(code, "what to do");

        List<String> accepted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<String, Request.Method> operation : operationsDocumenting(code.httpStatus())) {
            ValidationReport report = contract.validateResponse(example(operation.getKey()), operation.getValue(),
                    response(answer));
            if (report.hasErrors()) {
                refusals.add(operation + ApiContract.describe(report));
            } else {
                accepted.add(operation.toString());
            }
        }

        assertThat(accepted).as("operations accepting %s %s; refusals: %s", code.httpStatus(), code, refusals).isNotEmpty();
    }

    /** The codes the participants' routes answer with: all but the operators' (documented on /admin only). */
    static Stream<ErrorCode> participantCodes() {
        return Arrays.stream(ErrorCode.values()).filter(code -> !code.operatorsOnly());
    }

    // ------------------------------------------------------------------ domain enums and ids

    @Test
    void statusAndReasonEnums_areTheDomains() {
        assertThat(specEnum("RequestStatus")).containsExactlyElementsOf(names(RequestStatus.values()));
        assertThat(specEnum("ParticipationStatus")).containsExactlyElementsOf(Stream.of(RequestStatus.values())
                .filter(status -> status != RequestStatus.RECEIVED).map(Enum::name).toList());
        assertThat(specEnum("RejectReason")).containsExactlyElementsOf(names(RejectReason.values()));
        assertThat(specEnum("FailureReason")).containsExactlyElementsOf(names(FailureReason.values()));
        Set<String> statesCovered = new TreeSet<>();
        for (Object branch : (List<?>) map(schemas().get("RequestState")).get("oneOf")) {
            statesCovered.addAll(stringList(map(map(resolve(map(branch)).get("properties")).get("status")).get("enum")));
        }
        assertThat(statesCovered).containsExactlyInAnyOrderElementsOf(names(RequestStatus.values()));
    }

    @Test
    void eventIdPattern_acceptsExactlyWhatTheCodeAccepts() {
        Pattern pattern = Pattern.compile(String.valueOf(map(schemas().get("EventId")).get("pattern")));
        List<String> samples = List.of("drop-1", "A_b-9", "x".repeat(64), "x".repeat(65), "", "drop.1", "drop 1",
                "drop/1", "caf\u00e9", "..", "-", "_");

        for (String sample : samples) {
            assertThat(pattern.matcher(sample).find()).as("eventId %s", sample).isEqualTo(Event.isValidEventId(sample));
        }
    }

    @Test
    void requestIdPattern_acceptsExactlyWhatTheCodeAccepts() {
        Pattern pattern = Pattern.compile(String.valueOf(map(schemas().get("RequestId")).get("pattern")));
        String derived = new Sha256RequestIds().derive("drop-1", "alice").value();
        List<String> samples = List.of(derived, derived.toUpperCase(Locale.ROOT), derived.substring(0, 34), derived + "a",
                "rq_" + "1".repeat(32), "rq_" + "a".repeat(32), "xx_" + "a".repeat(32), "", "rq_");

        for (String sample : samples) {
            assertThat(pattern.matcher(sample).find()).as("requestId %s", sample).isEqualTo(RequestId.isWellFormed(sample));
        }
        assertThat(pattern.matcher(derived).find()).isTrue();
    }

    // ------------------------------------------------------------------ the validator has teeth

    @Test
    void validator_refusesAnswersThatDriftFromTheSpec() {
        String path = "/requests/" + new Sha256RequestIds().derive("drop-1", "alice").value();
        ObjectNode body = JSON.createObjectNode().put("requestId", path.substring(10)).put("eventId", "drop-1")
                .put("status", "SUCCEEDED").put("acceptedAt", "2026-11-24T09:00:00.123Z")
                .put("completedAt", "2026-11-24T09:00:01.456Z");
        assertThat(check(path, 200, body.toString(), "application/json", true).hasErrors()).as("the genuine answer").isFalse();

        ObjectNode extraField = body.deepCopy().put("userId", "alice");
        ObjectNode reasonOnSuccess = body.deepCopy().put("reason", "SOLD_OUT");
        ObjectNode noCompletedAt = body.deepCopy();
        noCompletedAt.remove("completedAt");
        ObjectNode secondsOnly = body.deepCopy().put("acceptedAt", "2026-11-24T09:00:00Z");
        String unknownCode = "{\"error\":{\"code\":\"NOT_A_CODE\",\"message\":\"m\"}}";
        String codeOfAnotherStatus = "{\"error\":{\"code\":\"EVENT_NOT_FOUND\",\"message\":\"m\"}}";

        assertThat(errors(check(path, 200, extraField.toString(), "application/json", true))).isNotEmpty();
        assertThat(errors(check(path, 200, reasonOnSuccess.toString(), "application/json", true))).isNotEmpty();
        assertThat(errors(check(path, 200, noCompletedAt.toString(), "application/json", true))).isNotEmpty();
        assertThat(errors(check(path, 200, secondsOnly.toString(), "application/json", true))).isNotEmpty();
        assertThat(errors(check(path, 200, body.toString(), "text/plain", true)))
                .contains("validation.response.contentType.notAllowed");
        assertThat(errors(check(path, 418, body.toString(), "application/json", true)))
                .contains("validation.response.status.unknown");
        assertThat(errors(check(path, 200, body.toString(), "application/json", false)))
                .contains("validation.response.header.missing");
        assertThat(errors(check(path, 404, unknownCode, "application/json", true))).isNotEmpty();
        assertThat(errors(check(path, 404, codeOfAnotherStatus, "application/json", true))).isNotEmpty();
    }

    @Test
    void validator_refusesRequestsWithoutTheBearerToken_onEveryOperationButThePublicOnes() {
        Map<String, Request.Method> operations = new LinkedHashMap<>();
        Set<String> publicInSpec = new TreeSet<>();
        map(contract.document().get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.put(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)));
                if (List.of().equals(map(operation).get("security"))) {
                    publicInSpec.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }));
        Set<String> publicInTemplate = new TreeSet<>();
        templateApiEvents().stream()
                .filter(event -> "NONE".equals(map(event.get("Auth")).get("Authorizer")))
                .forEach(event -> publicInTemplate.add(String.valueOf(event.get("Method")).toUpperCase(Locale.ROOT)
                        + " " + event.get("Path")));

        assertThat(publicInSpec).as("the routes without a token").isEqualTo(publicInTemplate).isNotEmpty();
        operations.forEach((template, method) -> {
            String path = example(template);
            List<String> withoutToken = errors(contract.validateRequest(new SimpleRequest.Builder(method, path).build()));
            if (publicInSpec.contains(method + " " + template)) {
                assertThat(withoutToken).as("%s %s, public, without a token", method, template).isEmpty();
            } else {
                assertThat(withoutToken).as("%s %s without a token", method, template)
                        .contains("validation.request.security.missing");
            }
            assertThat(errors(contract.validateRequest(new SimpleRequest.Builder(method, path)
                    .withAuthorization("Bearer eyJ.e30.sig").build())))
                    .as("%s %s with a bearer token", method, template).isEmpty();
        });
    }

    @Test
    void signedRoutes_areTheTemplatesIamRoutes_andNeedTheSigV4Scheme() {
        Set<String> iamInTemplate = new TreeSet<>();
        templateApiEvents().stream()
                .filter(event -> "AWS_IAM".equals(map(event.get("Auth")).get("Authorizer")))
                .forEach(event -> iamInTemplate.add(String.valueOf(event.get("Method")).toUpperCase(Locale.ROOT)
                        + " " + event.get("Path")));
        Set<String> signedInSpec = new TreeSet<>();
        map(contract.document().get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method) && List.of(Map.of("operatorSigV4", List.of())).equals(map(operation).get("security"))) {
                signedInSpec.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }));
        Map<String, Object> scheme = map(map(map(contract.document().get("components")).get("securitySchemes"))
                .get("operatorSigV4"));

        assertThat(signedInSpec).isEqualTo(iamInTemplate).isNotEmpty()
                .allMatch(operation -> operation.contains(" /admin/"));
        assertThat(scheme).containsEntry("type", "apiKey").containsEntry("in", "header")
                .containsEntry("name", "Authorization").containsEntry("x-amazon-apigateway-authtype", "awsSigv4");
    }

    private static ValidationReport check(String path, int status, String body, String contentType, boolean headers) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body).withContentType(contentType);
        if (headers) {
            response.withHeader("Cache-Control", "no-store").withHeader("X-Content-Type-Options", "nosniff");
        }
        return contract.validateResponse(path, Request.Method.GET, response.build());
    }

    private static List<String> errors(ValidationReport report) {
        return ApiContract.errorKeys(report);
    }

    // ------------------------------------------------------------------ the template

    private static String apiId() {
        List<String> apis = template.resourcesOfType("AWS::Serverless::Api");
        assertThat(apis).hasSize(1);
        return apis.get(0);
    }

    /** The Properties of every Api event of every function. */
    private static List<Map<String, Object>> templateApiEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            map(template.properties(function).get("Events")).values().forEach(event -> {
                if ("Api".equals(map(event).get("Type"))) {
                    events.add(map(map(event).get("Properties")));
                }
            });
        }
        return events;
    }

    /** Code -> statuses, from the API's GatewayResponses. */
    private static Map<String, Set<Integer>> gatewayCodes() {
        Map<String, Set<Integer>> codes = new TreeMap<>();
        map(template.properties(apiId()).get("GatewayResponses")).forEach((type, value) -> {
            if (SIGNED_ROUTES_ONLY.contains(type)) {
                return;
            }
            Map<String, Object> response = map(value);
            String body = String.valueOf(map(response.get("ResponseTemplates")).get("application/json"));
            Set<Integer> statuses = response.containsKey("StatusCode")
                    ? Set.of(Integer.parseInt(String.valueOf(response.get("StatusCode"))))
                    : DEFAULT_STATUSES.get(type);
            assertThat(statuses).as("the status of gateway response %s", type).isNotNull();
            codes.computeIfAbsent(codeIn(body, type), k -> new TreeSet<>()).addAll(statuses);
        });
        assertThat(codes).isNotEmpty();
        return codes;
    }

    /** Code -> status of the gateway responses only the signed routes get ({@link #SIGNED_ROUTES_ONLY}). */
    private static Map<String, Integer> signedRouteCodes() {
        Map<String, Integer> codes = new TreeMap<>();
        map(template.properties(apiId()).get("GatewayResponses")).forEach((type, value) -> {
            if (SIGNED_ROUTES_ONLY.contains(type)) {
                Map<String, Object> response = map(value);
                String body = String.valueOf(map(response.get("ResponseTemplates")).get("application/json"));
                codes.put(codeIn(body, type), Integer.parseInt(String.valueOf(response.get("StatusCode"))));
            }
        });
        return codes;
    }

    /** Code -> statuses, from the web ACL's custom response bodies and the rules that answer with them. */
    private static Map<String, Set<Integer>> wafCodes() {
        Map<String, Set<Integer>> codes = new TreeMap<>();
        for (String acl : template.resourcesOfType("AWS::WAFv2::WebACL")) {
            Map<String, Object> properties = template.properties(acl);
            Map<String, String> codeOfBody = new LinkedHashMap<>();
            map(properties.get("CustomResponseBodies")).forEach((key, value) ->
                    codeOfBody.put(key, codeIn(String.valueOf(map(value).get("Content")), key)));
            Set<String> used = new LinkedHashSet<>();
            for (Object rule : (List<?>) properties.get("Rules")) {
                Map<String, Object> custom = map(map(map(map(rule).get("Action")).get("Block")).get("CustomResponse"));
                if (custom.containsKey("CustomResponseBodyKey")) {
                    String key = String.valueOf(custom.get("CustomResponseBodyKey"));
                    used.add(key);
                    codes.computeIfAbsent(codeOfBody.get(key), k -> new TreeSet<>())
                            .add(Integer.parseInt(String.valueOf(custom.get("ResponseCode"))));
                }
            }
            assertThat(used).as("every custom body of %s is answered by a rule", acl)
                    .containsExactlyInAnyOrderElementsOf(codeOfBody.keySet());
        }
        assertThat(codes).isNotEmpty();
        return codes;
    }

    private static String codeIn(String body, String where) {
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as("%s has an error code: %s", where, body).isTrue();
        return matcher.group(1);
    }

    // ------------------------------------------------------------------ the spec

    private static Map<String, Object> schemas() {
        return map(map(contract.document().get("components")).get("schemas"));
    }

    private static List<String> specEnum(String schema) {
        return stringList(map(schemas().get(schema)).get("enum"));
    }

    private static Map<String, Object> operation(String path, String method) {
        return map(map(map(contract.document().get("paths")).get(path)).get(method.toLowerCase(Locale.ROOT)));
    }

    /** Status -> the error codes the spec allows there, over every operation and the answer to other routes. */
    private static Map<Integer, Set<String>> documentedCodes() {
        Map<Integer, Set<String>> codes = new TreeMap<>();
        contract.documentedAnswers().stream().filter(answer -> answer.code() != null).forEach(answer ->
                codes.computeIfAbsent(answer.status(), k -> new TreeSet<>()).add(answer.code()));
        return codes;
    }

    /** The documented (path template, method) pairs that have a response for {@code status}; a path may have several. */
    private static List<Map.Entry<String, Request.Method>> operationsDocumenting(int status) {
        List<Map.Entry<String, Request.Method>> operations = new ArrayList<>();
        map(contract.document().get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method) && map(map(operation).get("responses")).containsKey(String.valueOf(status))) {
                operations.add(Map.entry(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT))));
            }
        }));
        return operations;
    }

    /** A concrete path for a path template, with well-formed parameters. */
    private static String example(String template) {
        return template.replace("{eventId}", "drop-1")
                .replace("{requestId}", new Sha256RequestIds().derive("drop-1", "alice").value());
    }

    private static Map<String, Object> resolve(Map<String, Object> node) {
        return contract.resolve(node);
    }

    /** A schema as JSON with its $refs followed and its annotations dropped: what it allows, nothing else. */
    private static JsonNode constraints(Map<String, Object> schema) {
        return JSON.valueToTree(strip(schema));
    }

    private static Object strip(Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> out = new TreeMap<>();
            resolve(map(raw)).forEach((key, inner) -> {
                if (!ANNOTATIONS.contains(key)) {
                    out.put(key, strip(inner));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OpenApiDriftTest::strip).toList();
        }
        return value;
    }

    // ------------------------------------------------------------------ helpers

    private static SimpleResponse response(APIGatewayProxyResponseEvent answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.getStatusCode()).withBody(answer.getBody());
        answer.getHeaders().forEach(response::withHeader);
        return response.build();
    }

    private static Map<String, Object> map(Object value) {
        return ApiContract.map(value);
    }

    private static List<String> stringList(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.toList()) : List.of();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
