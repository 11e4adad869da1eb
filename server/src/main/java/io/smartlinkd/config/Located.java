package io.smartlinkd.config;

/** A value read from a config file together with where it was written, for errors found later. */
record Located<T>(T value, SourceLocation at) {
}
