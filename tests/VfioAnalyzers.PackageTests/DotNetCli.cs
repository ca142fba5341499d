using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>Runs the <c>dotnet</c> CLI as a child process, with the environment of a user's shell rather than the test host's.</summary>
    internal static class DotNetCli
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

        public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        {
            ProcessStartInfo start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The test host runs inside `dotnet test`, which leaves MSBuild's own variables behind; a child build must
            // find its SDK the way a user's shell does.
            foreach (string key in start.Environment.Keys.ToList())
            {
                if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                    || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
                {
                    start.Environment.Remove(key);
                }
            }

            // No build servers: nothing may outlive the command (or keep its output pipes open).
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["UseSharedCompilation"] = "false";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            if (environment is not null)
            {
                foreach (KeyValuePair<string, string> pair in environment)
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }

            StringBuilder output = new StringBuilder();
            using Process process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"`dotnet {string.Join(" ", arguments)}` did not finish within {Timeout}:\n{output}");
            }

            process.WaitForExit();
            return new CliResult($"dotnet {string.Join(" ", arguments)}", process.ExitCode, output.ToString());
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>What a command printed and how it ended.</summary>
    internal sealed record CliResult(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"`{Command}` exited with {ExitCode}:\n{Output}";
    }
}
