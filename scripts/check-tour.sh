#!/usr/bin/env bash
# Replays the jshell tour of README.md against target/rumbl.jar and checks every answer it shows.
set -euo pipefail
cd "$(dirname "$0")/.."

tour=$(awk '/^\$ jshell --class-path target\/rumbl.jar/{on=1; next} on && /^```/{exit} on' README.md)
input=$(printf '%s\n' "$tour" | sed -n 's/^jshell> //p')
expected=$(printf '%s\n' "$tour" | grep -E '^\$[0-9]+ ==> ' || true)
[ -n "$input" ] || { echo "check-tour: no tour found in README.md"; exit 1; }

output=$(printf '%s\n/exit\n' "$input" | jshell --class-path target/rumbl.jar -q 2>&1)
status=0
while IFS= read -r answer; do
  [ -z "$answer" ] && continue
  if ! grep -qF -- "$answer" <<<"$output"; then
    echo "check-tour: README says '$answer' but jshell did not answer that"
    status=1
  fi
done <<<"$expected"
if grep -qE 'Exception|Error:' <<<"$output"; then
  echo "check-tour: jshell reported an error:"
  printf '%s\n' "$output"
  status=1
fi
[ $status -eq 0 ] && echo "check-tour: the README tour gives the answers it shows ($(wc -l <<<"$expected") checked)"
exit $status
