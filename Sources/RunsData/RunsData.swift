/// Sources of runs: a directory tree, a saved JSON file, a KFP API server, or the demo.
public enum RunsData {}
