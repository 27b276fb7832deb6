/// The nightly job's stages, in order.
public enum Pipeline {}
