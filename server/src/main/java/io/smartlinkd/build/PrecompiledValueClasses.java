package io.smartlinkd.build;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Build step (Maven {@code process-classes}): compiles the classes Chronicle Map would otherwise generate and compile
 * with javac at run time, into the build's classes directory, so they ship in the jar.
 *
 * <p>Chronicle Values looks for {@code <value interface>$$Native} with the class loader before generating it; found,
 * the start skips javac, which costs 1.5–2.5 s of a cold start (mostly indexing the 100 MB jar). The source comes
 * from Chronicle Values' own generator, the same version the server runs with, so the class is what it would have
 * compiled.
 */
public final class PrecompiledValueClasses {
    /** The value interfaces a start compiles (seen with {@code -Xlog:class+load}: source __JVM_DefineClass__). */
    private static final List<String> VALUE_INTERFACES = List.of("net.openhft.chronicle.hash.VanillaGlobalMutableState");

    private PrecompiledValueClasses() {
    }

    /** @param args the classes directory to write to, then the class path to compile against */
    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        String classPath = args[1];
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (String name : VALUE_INTERFACES) {
            Class<?> valueInterface = Class.forName(name);
            String simpleName = valueInterface.getSimpleName() + "$$Native";
            String source = generate(valueInterface, simpleName);
            String className = valueInterface.getPackageName() + "." + simpleName;
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/')
                    + JavaFileObject.Kind.SOURCE.extension), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            boolean compiled = javac.getTask(null, null, null,
                    List.of("-classpath", classPath, "-d", classes.toString(), "-nowarn", "-proc:none"), null,
                    List.of(file)).call();
            if (!compiled) {
                throw new IllegalStateException("cannot compile " + className);
            }
            System.out.println("precompiled " + className);
        }
    }

    /** Chronicle Values' generator is package-private; it is the one the run time would call. */
    private static String generate(Class<?> valueInterface, String simpleName) throws Exception {
        Class<?> models = Class.forName("net.openhft.chronicle.values.ValueModel");
        Method acquire = models.getDeclaredMethod("acquire", Class.class);
        acquire.setAccessible(true);
        Object model = acquire.invoke(null, valueInterface);
        Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
        Method generate = generators.getDeclaredMethod("generateNativeClass", models, String.class);
        generate.setAccessible(true);
        return (String) generate.invoke(null, model, simpleName);
    }
}
