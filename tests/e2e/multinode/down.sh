#!/bin/bash
# Removes the simulated nodes' names that up.sh wrote to /etc/hosts.
sed -i '/# diffsweep-simulated-node$/d' /etc/hosts
