/**
 * Tests of the Kubernetes manifests in deploy/kubernetes: the monitoring resources
 * generated from the repository's rules and dashboards and kept in sync with them, every
 * rendered object validated against its schema, the policies the manifests must hold
 * (probes, grace period, security context, resources), and the probes asked of the real
 * jar started with the Deployment's environment. They read the repository's files, run
 * {@code kubectl kustomize} and touch no production code.
 */
package dev.crm.deploy;
