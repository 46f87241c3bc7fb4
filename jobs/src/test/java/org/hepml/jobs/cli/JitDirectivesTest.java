package org.hepml.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitDirectivesTest {
    private static final String GENERATED =
            "org/apache/spark/sql/catalyst/expressions/GeneratedClass$GeneratedIteratorForCodegenStage*.processNext";

    @Test
    void excludesSparksGeneratedCodeFromC2OnceAndLeavesC1On() throws Exception {
        // another test's scoring job in this JVM may have added it already
        String answer = JitDirectives.addOnce();
        assertTrue(answer.equals("1 compiler directives added") || answer.equals("already added"), answer);
        assertEquals("already added", JitDirectives.addOnce());
        String printed = JitDirectives.print();
        int at = printed.indexOf(" matching: " + GENERATED);
        assertTrue(at >= 0, printed);
        String ours = printed.substring(at, printed.indexOf("Directive:", at));
        String c1 = ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"));
        String c2 = ours.substring(ours.indexOf("c2 directives:"));
        assertTrue(c2.contains(" Exclude:true "), ours);
        assertTrue(c1.contains(" Exclude:false "), ours);
        // one directive of ours, not one per call
        assertEquals(at, printed.lastIndexOf(" matching: " + GENERATED));
    }
}
