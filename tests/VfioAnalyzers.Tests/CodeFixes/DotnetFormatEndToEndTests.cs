using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>
    /// The fixes as users run them from the command line: <c>dotnet format analyzers</c> on a project with leaks,
    /// then <c>dotnet build</c> shows no VFIO diagnostic and still compiles. The project is generated in a temp
    /// folder and consumes the built analyzer and code-fix assemblies as analyzers; set <c>VFIO_E2E_PROJECT</c> to a
    /// project folder (for instance the sample in samples/) to run the same check on a copy of it instead.
    /// </summary>
    public class DotnetFormatEndToEndTests
    {
        /// <summary>The command the README shows.</summary>
        public const string FormatArguments = "format analyzers \"{0}\" --diagnostics VFIO001 --severity warn";

        private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(8);

        /// <summary>The reviewed fix of GetExternalUserFromDev, as the generated Driver.cs must read after formatting.</summary>
        private const string ReviewedShape = """
                        int ret = core.AddContainerUser(group);
                        if (ret != 0)
                        {
                            core.PutGroup(group);
                            return null;
                        }

                        return group;
            """;

        private const string TouchShape = """
                        if (early)
                        {
                            core.PutGroup(group);
                            return;
                        }
                        core.AddContainerUser(group);
                        core.PutGroup(group);
                    }
            """;

        [Fact]
        public void PutBeforeExit_IsTheFirstVfio001FixerInTheAssembly()
        {
            // dotnet format (AnalyzerFormatter) loads fixers in Assembly.GetTypes() order and runs each VFIO001 fixer's
            // Fix All in turn on diagnostics computed once; once the first has changed the solution the others find
            // none of them (they are keyed by the old Project), so the first registered fixer is the one applied; its
            // Fix All carries the finally fix (its Sibling) where no put before an exit is right.
            var fixers = typeof(VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
                .Select(t => (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!)
                .Where(f => f.FixableDiagnosticIds.Contains("VFIO001"))
                .Select(f => f.GetType().Name)
                .ToList();
            Assert.Equal(new[] { "PutBeforeExitCodeFixProvider", "PutInFinallyCodeFixProvider" }, fixers);
        }

        [Fact]
        public void FormatAnalyzers_FixesEveryLeak_AndTheBuildIsClean()
        {
            var work = Path.Combine(Path.GetTempPath(), "vfio-e2e-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                var project = PrepareProject(work);
                var sources = Directory.GetFiles(Path.GetDirectoryName(project)!, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    .ToDictionary(f => f, File.ReadAllText);

                var format = Run("dotnet", string.Format(System.Globalization.CultureInfo.InvariantCulture, FormatArguments, project), work);
                Assert.True(format.ExitCode == 0, "dotnet format failed:\n" + format.Output);

                var changed = sources.Where(s => File.ReadAllText(s.Key) != s.Value).Select(s => s.Key).ToList();
                Assert.True(changed.Count > 0, "dotnet format changed no file: the leaks were not fixed (were the code fixes loaded?)\n" + format.Output);

                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VFIO_E2E_PROJECT")))
                {
                    // dotnet format applies the first VFIO001 fixer (assembly type order): the reviewed put-before-exit.
                    var driver = File.ReadAllText(sources.Keys.Single(f => Path.GetFileName(f) == "Driver.cs"));
                    Assert.True(driver.Contains(ReviewedShape, StringComparison.Ordinal) && driver.Contains(TouchShape, StringComparison.Ordinal)
                        && !driver.Contains("finally", StringComparison.Ordinal),
                        "dotnet format did not apply the put-before-exit fix:\n" + driver);
                }

                var build = Run("dotnet", $"build \"{project}\" -nologo -clp:NoSummary", work);
                Assert.True(build.ExitCode == 0, "the fixed project does not build:\n" + build.Output);
                var vfio = build.Output.Split('\n').Where(l => l.Contains("VFIO0", StringComparison.Ordinal)).ToList();
                Assert.True(vfio.Count == 0, "the build still reports VFIO diagnostics after dotnet format:\n" + string.Join("\n", vfio)
                    + "\nfixed files:\n" + string.Join("\n", changed.Select(File.ReadAllText)));
            }
            finally
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        /// <summary>A copy of <c>VFIO_E2E_PROJECT</c> when set, otherwise a generated library with leaks.</summary>
        private static string PrepareProject(string work)
        {
            var analyzers = new[] { "VfioAnalyzers.dll", "VfioAnalyzers.CodeFixes.dll" }
                .Select(name => Path.Combine(AppContext.BaseDirectory, name))
                .ToArray();
            foreach (var analyzer in analyzers)
            {
                Assert.True(File.Exists(analyzer), "built analyzer not found next to the tests: " + analyzer);
            }

            var external = Environment.GetEnvironmentVariable("VFIO_E2E_PROJECT");
            if (!string.IsNullOrEmpty(external))
            {
                var target = Path.Combine(work, "project");
                CopyDirectory(external!, target);
                var csproj = Directory.GetFiles(target, "*.csproj").Single();
                return csproj;
            }

            var folder = Path.Combine(work, "Leaky");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />\n");
            var items = string.Concat(analyzers.Select(a => $"    <Analyzer Include=\"{a}\" />\n"));
            File.WriteAllText(Path.Combine(folder, "Leaky.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                {items}  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Annotations.cs"), """
                using System;

                namespace Vfio.Annotations
                {
                    [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter)]
                    internal sealed class AcquiresAttribute : Attribute
                    {
                        public AcquiresAttribute(string kind) { Kind = kind; }

                        public string Kind { get; }
                    }

                    [AttributeUsage(AttributeTargets.Parameter)]
                    internal sealed class ReleasesAttribute : Attribute
                    {
                        public ReleasesAttribute(string kind) { Kind = kind; }

                        public string Kind { get; }
                    }
                }
                """);
            File.WriteAllText(Path.Combine(folder, "Driver.cs"), """
                using Vfio.Annotations;

                namespace Leaky
                {
                    public sealed class Group
                    {
                        public int Id { get; set; }
                    }

                    public sealed class Core
                    {
                        [Acquires("leaky-group")]
                        public Group? GetGroup(int id) => id > 0 ? new Group { Id = id } : null;

                        public void PutGroup([Releases("leaky-group")] Group group) { }

                        public int AddContainerUser(Group group) => group.Id % 2;
                    }

                    public static class Driver
                    {
                        // The pre-review shape: the error path returns without putting the group.
                        public static Group? GetExternalUserFromDev(Core core, int id)
                        {
                            var group = core.GetGroup(id);
                            if (group == null)
                                return null;

                            int ret = core.AddContainerUser(group);
                            if (ret != 0)
                                return null;

                            return group;
                        }

                        public static void Touch(Core core, int id, bool early)
                        {
                            var group = core.GetGroup(id);
                            if (group == null)
                                return;
                            if (early)
                                return;
                            core.AddContainerUser(group);
                        }
                    }
                }
                """);
            return Path.Combine(folder, "Leaky.csproj");
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }

            foreach (var directory in Directory.GetDirectories(from))
            {
                var name = Path.GetFileName(directory);
                if (name != "bin" && name != "obj")
                {
                    CopyDirectory(directory, Path.Combine(to, name));
                }
            }
        }

        private static (int ExitCode, string Output) Run(string file, string arguments, string directory)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            var output = new StringBuilder();
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)ProcessTimeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"'{file} {arguments}' did not finish within {ProcessTimeout.TotalMinutes} minutes:\n{output}");
            }

            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, $"> {file} {arguments}\n{output}");
            }
        }
    }
}
