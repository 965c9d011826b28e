// SPDX-License-Identifier: Apache-2.0
package dev.panamax.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Maven pom read as XML, for tests that check what the build promises (coordinates, the XChart
 * dependency and its exclusions) against what the README, the messages and the examples say.
 */
public final class Pom {
    private final Path file;
    private final Element project;

    private Pom(Path file, Element project) {
        this.file = file;
        this.project = project;
    }

    /** The project's own pom.xml (tests run in the project's folder). */
    public static Pom project() {
        return read(Path.of("pom.xml"));
    }

    /** Reads file; an unreadable or malformed pom fails with the file's name. */
    public static Pom read(Path file) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            return new Pom(file, doc.getDocumentElement());
        } catch (Exception e) {
            throw new IllegalStateException("pom: cannot read " + file + ": " + e, e);
        }
    }

    public String groupId() {
        return text(project, "groupId");
    }

    public String artifactId() {
        return text(project, "artifactId");
    }

    public String version() {
        return text(project, "version");
    }

    /** The value of property name under properties, or null. */
    public String property(String name) {
        Element props = child(project, "properties");
        return props == null ? null : text(props, name);
    }

    /** One dependency of the project (outside profiles) as written, ${...} properties resolved. */
    public record Dependency(String groupId, String artifactId, String version, String scope, boolean optional,
                             List<String> exclusions) {
        public String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** The dependency groupId:artifactId of the project's main dependency list; fails when it is absent. */
    public Dependency dependency(String groupAndArtifact) {
        Element deps = child(project, "dependencies");
        if (deps != null) {
            for (Element d : children(deps, "dependency")) {
                if ((text(d, "groupId") + ":" + text(d, "artifactId")).equals(groupAndArtifact)) {
                    List<String> exclusions = new ArrayList<>();
                    Element ex = child(d, "exclusions");
                    if (ex != null) {
                        for (Element e : children(ex, "exclusion")) {
                            exclusions.add(text(e, "groupId") + ":" + text(e, "artifactId"));
                        }
                    }
                    return new Dependency(text(d, "groupId"), text(d, "artifactId"), resolve(text(d, "version")),
                            text(d, "scope"), "true".equals(text(d, "optional")), List.copyOf(exclusions));
                }
            }
        }
        throw new AssertionError("pom " + file + ": no dependency " + groupAndArtifact);
    }

    private String resolve(String value) {
        if (value != null && value.startsWith("${") && value.endsWith("}")) {
            String name = value.substring(2, value.length() - 1);
            String v = name.equals("project.version") ? version() : property(name);
            return v == null ? value : v;
        }
        return value;
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
