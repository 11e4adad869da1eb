package io.smartlinkd.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Base of smartlinkd's JMH benchmarks, for the settings they share, which JMH reads from the superclass (a subclass
 * annotation overrides one): thread-scoped state, average time per op in ns, 3 x 2 s warm-up and 5 x 2 s
 * measurement, one fork. Chronicle Map and Agrona need module flags in that fork; forks run with {@code -cp}, not
 * {@code -jar}, so the shaded jar's manifest ({@code Add-Opens}, {@code Add-Exports}) does not reach them, and the
 * list here is that of {@code smartlinkd.jvm.flags} in the parent {@code pom.xml}. As in the server, the benchmark
 * threads are event-loop threads ({@link EventLoopThreads}) and Netty's leak detector is off (production's
 * {@code JAVA_OPTS}, {@code systemd/smartlinkd.env}; its 1-in-128 sampling costs some 20 B/op). A
 * {@code -jvmArgsAppend} on the command line replaces the whole list: repeat it there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
    "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.smartlinkd.bench.EventLoopThreads",
    "-Dio.netty.leakDetection.level=disabled"})
public abstract class SmartlinkdBenchmark {
}
