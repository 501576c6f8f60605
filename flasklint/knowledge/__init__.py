"""What flasklint knows before it analyses a file, shared by the analyzers and the stages above them: a file's
kind, which files are development-only by convention, which Flask a pin means, how Helm values reach a
container. Facts the analyzers need live here, below them, so data flows down."""
