package com.rushgate.local.cli;

import com.rushgate.local.auth.SigV4Signing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A deployed stack's outputs, read with CloudFormation's query API ({@code DescribeStacks},
 * version 2010-05-15) signed with SigV4 for {@code cloudformation}: the SDK's CloudFormation client
 * is not a dependency of ours, and one call does not need it.
 */
final class CloudFormationStacks {

    private final URI endpoint;
    private final Supplier<AwsCredentialsIdentity> credentials;
    private final SigV4Signing signing;
    private final HttpClient http;

    /**
     * @param endpoint CloudFormation's endpoint of the region ({@link #endpointOf})
     */
    CloudFormationStacks(URI endpoint, String region, Supplier<AwsCredentialsIdentity> credentials, HttpClient http,
                         Clock clock) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.signing = new SigV4Signing("cloudformation", region, clock);
        this.http = http;
    }

    /** CloudFormation's public endpoint in a region. */
    static URI endpointOf(String region) {
        return URI.create("https://cloudformation." + region + ".amazonaws.com"
                + (region.startsWith("cn-") ? ".cn" : "") + "/");
    }

    /**
     * The outputs of a stack, by key.
     *
     * @throws AdminException when CloudFormation refuses (no such stack, no permission) or cannot be reached
     */
    Map<String, String> outputs(String stackName) {
        String form = "Action=DescribeStacks&StackName=" + URLEncoder.encode(stackName, StandardCharsets.UTF_8)
                + "&Version=2010-05-15";
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signing.sign("POST", endpoint, Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                body, credentials.get()).forEach((name, values) -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.equals("host") && !lower.equals("content-length")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminException(2, "UNREACHABLE", "cannot reach CloudFormation at " + endpoint + ": " + AdminException.describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(2, "INTERRUPTED", "interrupted while calling CloudFormation", null);
        }
        Document document = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String code = text(document, "Code");
            String message = text(document, "Message");
            throw new AdminException(response.statusCode() >= 500 ? 2 : 1, code == null ? "HTTP_" + response.statusCode() : code,
                    "CloudFormation DescribeStacks " + stackName + ": " + (message == null ? response.body() : message),
                    response.body());
        }
        return outputsOf(document);
    }

    /** The first stack's outputs in a DescribeStacks answer. */
    static Map<String, String> outputsOf(Document document) {
        Map<String, String> outputs = new LinkedHashMap<>();
        NodeList found = document.getElementsByTagNameNS("*", "Outputs");
        if (found.getLength() == 0) {
            return outputs;
        }
        for (Node member = found.item(0).getFirstChild(); member != null; member = member.getNextSibling()) {
            if (member instanceof Element element && element.getLocalName().equals("member")) {
                String key = child(element, "OutputKey");
                if (key != null) {
                    outputs.put(key, child(element, "OutputValue"));
                }
            }
        }
        return outputs;
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The parser's default handler prints every fatal error on standard error before throwing it.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AdminException(2, "UNREADABLE", "CloudFormation answered something that is not XML: "
                    + (xml.length() > 200 ? xml.substring(0, 200) + "..." : xml), xml);
        }
    }

    private static String text(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }
}
