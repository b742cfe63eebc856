package com.exposuremonitor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules the README states, checked on the production classes. */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.exposuremonitor");

    @Test
    void theDomainIsPureMathWithoutKafkaOrTheLayersAroundIt() {
        noClasses().that().resideInAPackage("com.exposuremonitor.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..",
                        "com.exposuremonitor.topology..", "com.exposuremonitor.runtime..", "com.exposuremonitor.api..",
                        "com.exposuremonitor.cli..", "com.exposuremonitor.confluent..", "com.exposuremonitor.embedded..",
                        "com.exposuremonitor.serde..")
                .because("the figures are computed the same way by the topology, the verifier and the tests")
                .check(MAIN);
    }

    @Test
    void theApiSeesTheTopicCatalogueButNoTopologyInternals() {
        DescribedPredicate<JavaClass> topologyInternals = JavaClass.Predicates.resideInAPackage("com.exposuremonitor.topology..")
                .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("Topics")
                        .or(JavaClass.Predicates.simpleName("Topic")).or(JavaClass.Predicates.simpleName("TopicNames"))));
        noClasses().that().resideInAPackage("com.exposuremonitor.api..")
                .should().dependOnClassesThat(topologyInternals)
                .orShould().dependOnClassesThat().resideInAnyPackage("com.exposuremonitor.runtime..",
                        "com.exposuremonitor.cli..")
                .because("the HTTP layer answers through ApiBackend and reads only the topic catalogue")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("com.exposuremonitor.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
