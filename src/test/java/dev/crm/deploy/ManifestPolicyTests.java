package dev.crm.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered base and production overlay hold every {@link ManifestPolicy}; and each
 * rule, fed a manifest broken in the field it reads, names that field.
 */
class ManifestPolicyTests {

	static final List<Path> KUSTOMIZATIONS = Kustomize.KUSTOMIZATIONS;

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void replicasAndAutoscaling(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::replicas);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void probesAskWhatTheJarAnswersWhereItAnswers(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::probes);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void gracePeriodCoversShutdownDelayDrainAndStop(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::gracePeriod);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void resourcesAreSetAndTheHeapFitsTheLimit(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::resources);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void securityContextIsRestricted(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::securityContext);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void imageIsPinned(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::image);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void podsSpreadOverNodesAndZones(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::topologySpread);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void serviceNamesTheApiAndManagementPorts(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::service);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void disruptionBudgetFitsTheReplicas(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::disruptionBudget);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void onlyTheMonitoringNamespaceReachesTheManagementPort(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::networkPolicy);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void secretsComeFromSecretsByReference(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::secrets);
	}

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void configMapsFitKubectlApply(Path kustomization) {
		assertHolds(kustomization, ManifestPolicy::configMapSizes);
	}

	@Test
	void serviceMonitorScrapesTheManagementPort() {
		assertHolds(Kustomize.PRODUCTION, ManifestPolicy::serviceMonitor);
	}

	@Test
	void aGracePeriodBelowDelayPlusDrainIsAViolation() {
		Workload broken = production();
		broken.podSpec().put("terminationGracePeriodSeconds", 20);
		assertThat(ManifestPolicy.gracePeriod(broken)).containsExactly(
				"Deployment spec.template.spec.terminationGracePeriodSeconds is 20 s, below preStop sleep 0 s"
						+ " + shutdown delay 5 s (crm.lifecycle.shutdown-delay) + drain 20 s"
						+ " (spring.lifecycle.timeout-per-shutdown-phase) + 5 s for the JVM to stop = 30 s");
	}

	@Test
	void aLongerDrainInTheEnvironmentRaisesTheGracePeriodNeeded() {
		Workload broken = production();
		env(broken).add(Map.of("name", "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "value", "45s"));
		assertThat(ManifestPolicy.gracePeriod(broken)).singleElement()
			.asString()
			.contains("terminationGracePeriodSeconds is 35 s", "drain 45 s", "= 55 s");
	}

	@Test
	void aPreStopNeedingAShellIsAViolation() {
		Workload broken = production();
		broken.container()
			.put("lifecycle", Map.of("preStop", Map.of("exec", Map.of("command", List.of("sh", "-c", "sleep 5")))));
		assertThat(ManifestPolicy.gracePeriod(broken)).first().asString().contains("lifecycle.preStop.exec");
	}

	@Test
	void aHeapThatLeavesTooLittleBesideItIsAViolation() {
		Workload broken = production();
		env(broken).replaceAll((variable) -> variable.get("name").equals("JAVA_TOOL_OPTIONS")
				? Map.of("name", "JAVA_TOOL_OPTIONS", "value", "-XX:MaxRAMPercentage=90 -XX:+ExitOnOutOfMemoryError")
				: variable);
		assertThat(ManifestPolicy.resources(broken)).singleElement()
			.asString()
			.contains("-XX:MaxRAMPercentage=90 of resources.limits.memory 1Gi leaves 102 MiB");
	}

	@Test
	void aLatestImageIsAViolation() {
		Workload broken = production();
		broken.container().put("image", "registry.example.com/crm/crm-api:latest");
		assertThat(ManifestPolicy.image(broken)).singleElement().asString().contains("container image");
	}

	@Test
	void aManagementPortOpenToEveryoneIsAViolation() {
		Workload broken = production();
		Workload.list(broken.only("NetworkPolicy"), "spec.ingress").get(1).remove("from");
		assertThat(ManifestPolicy.networkPolicy(broken)).singleElement()
			.asString()
			.contains("NetworkPolicy spec.ingress", "from everywhere");
	}

	@Test
	void aProbeOnTheManagementPortIsAViolation() {
		Workload broken = production();
		Workload.map(broken.container(), "readinessProbe.httpGet").put("port", "management");
		assertThat(ManifestPolicy.probes(broken)).singleElement()
			.asString()
			.contains("container readinessProbe.httpGet.port must be the API port 8080");
	}

	@Test
	void aBudgetThatBlocksEveryDrainIsAViolation() {
		Workload broken = production();
		Workload.map(broken.only("PodDisruptionBudget"), "spec").remove("maxUnavailable");
		Workload.map(broken.only("PodDisruptionBudget"), "spec").put("minAvailable", 2);
		assertThat(ManifestPolicy.disruptionBudget(broken)).singleElement().asString().contains("allows 0");
	}

	private static Workload production() {
		return Workload.render(Kustomize.PRODUCTION).copy();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> env(Workload workload) {
		return (List<Map<String, Object>>) workload.container().get("env");
	}

	private static void assertHolds(Path kustomization, Function<Workload, List<String>> policy) {
		assertThat(policy.apply(Workload.render(kustomization)))
			.as("policy violations in %s", Repository.relative(kustomization))
			.isEmpty();
	}

}
