#!/bin/sh
# An external experiment that dies before it declares anything, as a program whose import fails.
echo "ImportError: no module named torch" >&2
exit 1
