# A file with nothing but comments and blank lines.

# There is no instruction to build.
