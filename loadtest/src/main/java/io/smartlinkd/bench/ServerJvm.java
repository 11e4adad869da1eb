package io.smartlinkd.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * Base of the benchmarks that open Chronicle Maps or Agrona buffers: JMH reads {@code @Fork} from the superclass,
 * so their forked JVMs get the module flags from this one list. Forks run with {@code -cp}, not {@code -jar}, so
 * the shaded jar's manifest ({@code Add-Opens}, {@code Add-Exports}) does not apply to them; the list is that of
 * {@code smartlinkd.jvm.flags} in the parent {@code pom.xml}.
 */
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"})
public abstract class ServerJvm {
}
