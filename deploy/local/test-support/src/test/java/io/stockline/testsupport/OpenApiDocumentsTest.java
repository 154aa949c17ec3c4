package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed documents give everything issue 21 asks of every operation, and the check itself finds each fault
 * (each service's OpenApiDocumentTest runs the same check on what it serves, so a new endpoint without them fails).
 */
class OpenApiDocumentsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "inventory-service", "channel-connector-service", "allocation-service", "alert-service" })
    void committedDocumentConforms(String service) throws Exception {
        OpenApiDocuments.assertConforms(service, Files.readString(OpenApiDocuments.committed(service)));
    }

    /** The smallest document that passes; each test below takes one thing away. */
    static ObjectNode conforming() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"openapi": "3.1.0",
                 "info": {"title": "Stockline x", "description": "What x is.", "version": "1", "contact": {"name": "Stockline maintainers"}},
                 "servers": [{"url": "/"}],
                 "tags": [{"name": "Things", "description": "Things held."}],
                 "components": {"schemas": {"Problem": {"type": "object"}},
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}},
                 "paths": {"/api/v1/things": {"post": {
                   "operationId": "createThing", "summary": "Create a thing", "tags": ["Things"],
                   "description": "Makes a thing.\\n\\nNeeds a bearer token with the `admin` role.",
                   "x-stockline-role": "admin", "security": [{"bearer": []}],
                   "requestBody": {"content": {"application/json": {"examples": {"thing": {"value": {"name": "a"}}}}}},
                   "responses": {"201": {"description": "Created"},
                     "400": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                     "401": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                     "403": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}}}
                """);
    }

    static ObjectNode operation(ObjectNode document) {
        return (ObjectNode) document.path("paths").path("/api/v1/things").path("post");
    }

    static List<String> faults(ObjectNode document) {
        return OpenApiDocuments.faults(document.toString(), false);
    }

    @Test
    void theSmallestConformingDocumentPasses() throws Exception {
        assertThat(faults(conforming())).isEmpty();
    }

    @Test
    void findsAMissingOperationId() throws Exception {
        ObjectNode document = conforming();
        operation(document).remove("operationId");
        assertThat(faults(document)).singleElement().asString().contains("operationId");
    }

    @Test
    void findsASummaryMadeOfTheMethodName() throws Exception {
        ObjectNode document = conforming();
        operation(document).put("summary", "Put Item");
        assertThat(faults(document)).singleElement().asString().contains("summary «Put Item»");
        operation(document).put("summary", "Create");
        assertThat(faults(document)).singleElement().asString().contains("summary «Create»");
        operation(document).put("summary", "Export CSV");
        assertThat(faults(document)).isEmpty();
        operation(document).put("summary", "Create a dropship order for Amazon");
        assertThat(faults(document)).isEmpty();
    }

    @Test
    void findsADescriptionThatOnlyNamesTheRole() throws Exception {
        ObjectNode document = conforming();
        operation(document).put("description", "Needs a bearer token with the `admin` role.");
        assertThat(faults(document)).singleElement().asString().contains("nothing but the role");
    }

    @Test
    void findsARoleTheDescriptionDoesNotName() throws Exception {
        ObjectNode document = conforming();
        operation(document).put("x-stockline-role", "viewer");
        assertThat(faults(document)).singleElement().asString().contains("naming the `viewer` role");
        operation(document).remove("x-stockline-role");
        assertThat(faults(document)).anyMatch(fault -> fault.contains("x-stockline-role is «»"));
    }

    @Test
    void findsAnUndeclaredSchemeAndAMissingOne() throws Exception {
        ObjectNode document = conforming();
        operation(document).putArray("security").addObject().putArray("SecurityScheme");
        assertThat(faults(document)).singleElement().asString().contains("«SecurityScheme»");
        ((ObjectNode) document.path("components")).remove("securitySchemes");
        assertThat(faults(document)).anyMatch(fault -> fault.contains("no http bearer scheme"));
    }

    @Test
    void findsAClassNameTagAndAnUndescribedOne() throws Exception {
        ObjectNode document = conforming();
        operation(document).putArray("tags").add("Thing Resource");
        assertThat(faults(document)).singleElement().asString().contains("is a class name");
        operation(document).putArray("tags").add("Other");
        assertThat(faults(document)).singleElement().asString().contains("not declared with a description");
    }

    @Test
    void findsACreateDocumentedAs200() throws Exception {
        ObjectNode document = conforming();
        ObjectNode responses = (ObjectNode) operation(document).path("responses");
        responses.set("200", responses.remove("201"));
        assertThat(faults(document)).singleElement().asString().contains("a create answers 201");
    }

    @Test
    void findsAnErrorAnswerWithoutTheProblemSchema() throws Exception {
        ObjectNode document = conforming();
        ((ObjectNode) operation(document).path("responses")).putObject("409").putObject("content")
                .putObject("application/json");
        assertThat(faults(document)).singleElement().asString().contains("409 is not the Problem schema");
        ((ObjectNode) operation(document).path("responses")).remove("401");
        assertThat(faults(document)).anyMatch(fault -> fault.contains("no 401 answer"));
    }

    @Test
    void findsARequestBodyWithoutAnExample() throws Exception {
        ObjectNode document = conforming();
        ((ObjectNode) operation(document).path("requestBody").path("content")).putObject("text/csv");
        assertThat(faults(document)).singleElement().asString().contains("text/csv request body has no example");
    }

    @Test
    void findsInfoWithoutContactAndALicenceTheRepositoryDoesNotGrant() throws Exception {
        ObjectNode document = conforming();
        ObjectNode info = (ObjectNode) document.path("info");
        info.remove("contact");
        info.putObject("license").put("name", "Apache-2.0");
        assertThat(faults(document)).containsExactlyInAnyOrder("info.contact.name is missing",
                "info.license names Apache-2.0, but the repository declares no licence (no LICENSE file)");
        info.remove("license");
        assertThat(OpenApiDocuments.faults(document.toString(), true))
                .contains("info.license is missing, though the repository has a LICENSE file");
    }
}
