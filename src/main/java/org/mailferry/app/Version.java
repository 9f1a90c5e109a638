package org.mailferry.app;

import picocli.CommandLine;

/** Prints the version that Maven wrote into the jar manifest (or "development" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Mailferry " + get()};
    }
}
