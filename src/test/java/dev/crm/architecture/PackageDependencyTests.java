package dev.crm.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rule from DESIGN.md: features use Micrometer's public API but never the
 * internals of {@code observability}, and {@code observability} never imports a feature.
 */
class PackageDependencyTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.crm");

	static final ArchRule featuresDoNotUseObservabilityInternals = noClasses().that()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.crm.observability..");

	static final ArchRule observabilityDoesNotImportFeatures = noClasses().that()
		.resideInAPackage("dev.crm.observability..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..");

	static final ArchRule sharedWebPlumbingKnowsNoFeature = noClasses().that()
		.resideInAPackage("dev.crm.web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..", "dev.crm.observability..");

	/**
	 * Fault injection is held to a feature's rule, and stays removable: it uses no other
	 * package of ours, and none uses it.
	 */
	static final ArchRule faultsStandAlone = noClasses().that()
		.resideInAPackage("dev.crm.faults..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.observability..", "dev.crm.campaign..", "dev.crm.lead..", "dev.crm.web..");

	static final ArchRule nothingDependsOnFaults = noClasses().that()
		.resideOutsideOfPackage("dev.crm.faults..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.crm.faults..");

	static final ArchRule featurePackagesHaveNoCycles = slices().matching("dev.crm.(*)..").should().beFreeOfCycles();

	@Test
	void featuresDoNotUseObservabilityInternals() {
		featuresDoNotUseObservabilityInternals.check(PRODUCTION);
	}

	@Test
	void observabilityDoesNotImportFeatures() {
		observabilityDoesNotImportFeatures.check(PRODUCTION);
	}

	@Test
	void sharedWebPlumbingKnowsNoFeature() {
		sharedWebPlumbingKnowsNoFeature.check(PRODUCTION);
	}

	@Test
	void faultsStandAlone() {
		faultsStandAlone.check(PRODUCTION);
	}

	@Test
	void nothingDependsOnFaults() {
		nothingDependsOnFaults.check(PRODUCTION);
	}

	@Test
	void packagesHaveNoCycles() {
		featurePackagesHaveNoCycles.check(PRODUCTION);
	}

}
