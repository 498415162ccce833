#!/usr/bin/env bash
echo "SKIP: kernels (not yet)"
