package com.rushgate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain and the use cases know nothing of AWS, Lambda, Jackson or CRaC. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.rushgate.core");

    @Test
    void domainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("com.rushgate.core.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.rushgate.core.domain..", "java..", "javax.crypto..")
                .check(CORE);
    }

    @Test
    void useCasesAndPortsDependOnTheDomainTheJdkAndSlf4jOnly() {
        classes().that().resideInAPackage("com.rushgate.core.app..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "com.rushgate.core.app..", "com.rushgate.core.domain..", "java..", "org.slf4j..")
                .check(CORE);
    }

    @Test
    void noAwsTypesOutsideTheAdapters() {
        noClasses().that().resideInAnyPackage("com.rushgate.core.domain..", "com.rushgate.core.app..",
                        "com.rushgate.core.config..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .check(CORE);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("com.rushgate.core.aws..")
                .should().dependOnClassesThat().resideInAPackage("com.rushgate.core.lambda..")
                .check(CORE);
    }
}
