// Prints a bearer token signed with the test key pair (src/test/resources/security), valid
// for a day, for a service that trusts that key: the compose stack's example key. Never for
// a deployment: the private key is in the repository.
//
//   java -cp "target/test-classes:$(cat target/load-classpath.txt)" scripts/dev-token.java [scope...]
//
// The scope defaults to "crm.read crm.write". A source file, not a class with a main in the
// test classes: spring-boot:test-run must find exactly one main there (TestCrmApplication).
import dev.crm.support.TestTokens;

class DevToken {

	public static void main(String[] args) {
		TestTokens.Builder builder = TestTokens.builder();
		if (args.length > 0) {
			builder.scope(String.join(" ", args));
		}
		System.out.println(builder.sign());
	}

}
