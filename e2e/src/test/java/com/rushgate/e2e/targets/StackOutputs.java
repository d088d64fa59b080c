package com.rushgate.e2e.targets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * A CloudFormation stack's outputs and parameters. They are read with one DescribeStacks call on
 * CloudFormation's query API, signed with the SDK's SigV4 signer and the default credential chain:
 * the SDK's own {@code cloudformation} client is not served at the version of the SDK BOM we use.
 */
final class StackOutputs {

    private static final String API_VERSION = "2010-05-15";

    private final String stack;
    private final String status;
    private final Map<String, String> outputs;
    private final Map<String, String> parameters;

    private StackOutputs(String stack, String status, Map<String, String> outputs, Map<String, String> parameters) {
        this.stack = stack;
        this.status = status;
        this.outputs = outputs;
        this.parameters = parameters;
    }

    /** Describes {@code stack}; fails with CloudFormation's own message when it cannot. */
    static StackOutputs describe(String stack, Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        URI uri = endpoint.orElse(URI.create("https://cloudformation." + region.id() + ".amazonaws.com"));
        String body = "Action=DescribeStacks&Version=" + API_VERSION + "&StackName="
                + URLEncoder.encode(stack, StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri.resolve("/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        // The JDK client writes Host itself, from the same URI the signature covers.
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("DescribeStacks " + stack + " at " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("DescribeStacks " + stack + " in " + region + ": HTTP " + response.statusCode()
                    + " " + errorOf(response.body()));
        }
        return parse(response.body());
    }

    /** Reads a DescribeStacksResponse naming exactly one stack. */
    static StackOutputs parse(String xml) {
        Document document = xml(xml);
        NodeList stacks = document.getElementsByTagName("Stacks");
        if (stacks.getLength() != 1 || children((Element) stacks.item(0), "member").length != 1) {
            throw new IllegalStateException("DescribeStacks did not answer with exactly one stack: " + abbreviated(xml));
        }
        Element stack = children((Element) stacks.item(0), "member")[0];
        return new StackOutputs(text(stack, "StackName"), text(stack, "StackStatus"),
                pairs(stack, "Outputs", "OutputKey", "OutputValue"),
                pairs(stack, "Parameters", "ParameterKey", "ParameterValue"));
    }

    /** An output of the stack; its absence is a stack older than this suite, and is said so. */
    String output(String key) {
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalStateException("stack " + stack + " has no output " + key + " (it has " + outputs.keySet()
                    + "): deploy the current template.yaml");
        }
        return value;
    }

    /** A parameter of the stack, as deployed (defaults included: CloudFormation lists every parameter). */
    String parameter(String key) {
        String value = parameters.get(key);
        if (value == null) {
            throw new IllegalStateException("stack " + stack + " has no parameter " + key + " (it has "
                    + parameters.keySet() + "): deploy the current template.yaml");
        }
        return value;
    }

    String stack() {
        return stack;
    }

    String status() {
        return status;
    }

    private static Map<String, String> pairs(Element stack, String list, String keyTag, String valueTag) {
        Map<String, String> pairs = new TreeMap<>();
        for (Element container : children(stack, list)) {
            for (Element member : children(container, "member")) {
                pairs.put(text(member, keyTag), text(member, valueTag));
            }
        }
        return pairs;
    }

    private static Element[] children(Element parent, String tag) {
        return childNodes(parent).stream().filter(e -> e.getTagName().equals(tag)).toArray(Element[]::new);
    }

    private static List<Element> childNodes(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String text(Element parent, String tag) {
        Element[] found = children(parent, tag);
        return found.length == 0 ? null : found[0].getTextContent().trim();
    }

    private static String errorOf(String body) {
        try {
            Document document = xml(body);
            NodeList codes = document.getElementsByTagName("Code");
            NodeList messages = document.getElementsByTagName("Message");
            if (codes.getLength() > 0) {
                return codes.item(0).getTextContent() + ": "
                        + (messages.getLength() > 0 ? messages.item(0).getTextContent() : "");
            }
        } catch (IllegalStateException notXml) {
            // fall through: the body as it is
        }
        return abbreviated(body);
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("not XML: " + abbreviated(text), e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
