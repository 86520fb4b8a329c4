#!/bin/sh
# An external experiment that greets with a banner instead of its declaration.
echo "Welcome to my trainer v2"
cat > /dev/null
