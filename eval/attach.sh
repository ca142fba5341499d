#!/usr/bin/env bash
# Builds any C# checkout with VfioAnalyzers attached, without editing it:
#   eval/attach.sh PATH-TO-CHECKOUT [PROJECT-OR-SOLUTION] [-- EXTRA-DOTNET-BUILD-ARGUMENTS...]
# The analyzer is attached by a targets file passed as CustomAfterMicrosoftCommonTargets and configured by an
# .editorconfig-style file passed as an EditorConfigFiles item (options: eval/options.globalconfig, or the file
# named by VFIO_OPTIONS). Prints the findings, deduplicated by file:line:id (the build repeats them per target
# framework), and the analyzer times from ReportAnalyzer. Everything it writes goes to VFIO_OUT (default: a new
# folder under /tmp): build.log, findings.txt, timing.txt. VFIO_ANALYZER=path/to/VfioAnalyzers.dll attaches that build
# of the analyzer instead of building this repository's.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/.." && pwd)"

if [ $# -lt 1 ]; then
    echo "usage: $0 PATH-TO-CHECKOUT [PROJECT-OR-SOLUTION] [-- EXTRA-DOTNET-BUILD-ARGUMENTS...]" >&2
    exit 2
fi

checkout="$(cd "$1" && pwd)"
shift
target=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    target="$1"
    shift
fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then
    shift
fi

options="${VFIO_OPTIONS:-$here/options.globalconfig}"
out="${VFIO_OUT:-$(mktemp -d /tmp/vfio-attach.XXXXXX)}"
mkdir -p "$out"
options="$(cd "$(dirname "$options")" && pwd)/$(basename "$options")"

# The analyzer as the package ships it for this machine: precompiled (ReadyToRun) where the package carries that for
# the SDK's platform (linux-x64), else IL-only (Release, netstandard2.0); VFIO_READYTORUN=0 takes the IL-only one. Or
# the one VFIO_ANALYZER names (to compare two versions on the same checkout).
if [ -n "${VFIO_ANALYZER:-}" ]; then
    analyzer="$(cd "$(dirname "$VFIO_ANALYZER")" && pwd)/$(basename "$VFIO_ANALYZER")"
else
    dotnet build "$repo_root/src/VfioAnalyzers/VfioAnalyzers.csproj" -c Release -v:q -nologo >"$out/analyzer-build.log" 2>&1 || {
        cat "$out/analyzer-build.log" >&2
        exit 1
    }
    analyzer="$repo_root/src/VfioAnalyzers/bin/Release/netstandard2.0/VfioAnalyzers.dll"
    rid="$(dotnet msbuild "$repo_root/src/VfioAnalyzers.ReadyToRun/VfioAnalyzers.ReadyToRun.csproj" -getProperty:RuntimeIdentifier -getProperty:NETCoreSdkRuntimeIdentifier 2>/dev/null | tr -d ' \n')"
    if [ "${VFIO_READYTORUN:-1}" != "0" ] && [ -n "$rid" ] && echo "$rid" | grep -q '"RuntimeIdentifier":"\([^"]*\)","NETCoreSdkRuntimeIdentifier":"\1"'; then
        dotnet publish "$repo_root/src/VfioAnalyzers.ReadyToRun/VfioAnalyzers.ReadyToRun.csproj" -c Release -o "$out/readytorun" -v:q -nologo >>"$out/analyzer-build.log" 2>&1 || {
            cat "$out/analyzer-build.log" >&2
            exit 1
        }
        analyzer="$out/readytorun/VfioAnalyzers.dll"
    fi
fi
echo "analyzer: $analyzer" >&2

targets="$out/vfio-attach.targets"
cat >"$targets" <<TARGETS
<Project>
  <!-- Attached from the command line by eval/attach.sh; the checkout is not edited. -->
  <ItemGroup>
    <Analyzer Include="$analyzer" />
    <EditorConfigFiles Include="$options" />
  </ItemGroup>
</Project>
TARGETS

cd "$checkout"
echo "building ${target:-$checkout} with VfioAnalyzers attached (log: $out/build.log)" >&2
set +e
dotnet build ${target:+"$target"} --no-incremental -nologo \
    -p:CustomAfterMicrosoftCommonTargets="$targets" \
    -p:ReportAnalyzer=true \
    -p:RunAnalyzers=true \
    -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= \
    -p:CodeAnalysisTreatWarningsAsErrors=false \
    -flp:"v=d;performancesummary;logfile=$out/build.log" \
    -clp:"v=m" \
    "$@" >"$out/console.log" 2>&1
status=$?
set -e

# Findings: file:line:col: id message, once per file:line:id whatever the target framework (MSBuild prefixes a
# node id such as "1:13>" to lines of parallel builds).
sed -E 's/^ *[0-9]+(:[0-9]+)?>//' "$out/build.log" \
    | grep -oE '^ *[^ ]+\.(cs|txt|editorconfig|globalconfig)\([0-9]+,[0-9]+\): warning VFIO[0-9]+: [^[]*' \
    | sed -E 's/^ *//; s/^(.*)\(([0-9]+),([0-9]+)\): warning (VFIO[0-9]+): /\1:\2:\3: \4: /' \
    | awk -v prefix="$checkout/" '{ if (index($0, prefix) == 1) $0 = substr($0, length(prefix) + 1); print }' \
    | sort -t: -k1,1 -k2,2n -k3,3n \
    | awk -F': ' '{ split($1, at, ":"); key = at[1] ":" at[2] ":" $2 } !seen[key]++' >"$out/findings.txt" || true
sed -E 's/^ *[0-9]+(:[0-9]+)?>//' "$out/build.log" | grep -oE 'warning VFIO900: .*' | sort -u >>"$out/findings.txt" || true

# Times per compilation, from ReportAnalyzer: all analyzers, VfioAnalyzers, CA2000; and the Csc task's total.
sed -E 's/^ *[0-9]+(:[0-9]+)?>//' "$out/build.log" | awk '
    /[\/]csc(\.dll|\.exe)? / || /bincore\/csc / { if (match($0, /\/out:[^ ]+/)) { name = substr($0, RSTART + 5, RLENGTH - 5) } }
    /Total analyzer execution time:/ { total = $5; inreport = 1; vfio = "0"; ca = "0"; next }
    inreport && /VfioAnalyzers\.AcquireReleaseAnalyzer/ { vfio = $1 }
    inreport && /\(CA2000\)/ { ca = $1 }
    inreport && /Total generator execution time:/ {
        printf "%-70s analyzers %8.3f s   VfioAnalyzers %8s s   CA2000 %8s s\n", name, total, vfio, ca; inreport = 0 }
    /Task Performance Summary:/ { tasks = 1 }
    tasks && / Csc / { print "Csc task (all compilations, with analyzers):" $0; tasks = 0 }
' >"$out/timing.txt" || true

echo "findings ($(wc -l <"$out/findings.txt")), by id:"
grep -oE ': VFIO[0-9]+:' "$out/findings.txt" | sort | uniq -c || true
cat "$out/findings.txt"
echo "times per compilation:"
cat "$out/timing.txt"
echo "output in $out (build exit code $status)"
