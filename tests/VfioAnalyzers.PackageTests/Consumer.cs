using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// A user's project in its own temporary folder: VfioAnalyzers and Vfio.Runtime by PackageReference from the local
    /// feed (beside the machine's own sources, so anything else still restores), nothing from this repository.
    /// </summary>
    internal sealed class Consumer
    {
        public const string SourceFileName = "Driver.cs";

        /// <summary>The reviewed leak three times: reported, silenced by a pragma, silenced by [SuppressMessage].</summary>
        public const string Source = """
            using System.Diagnostics.CodeAnalysis;
            using Vfio;

            namespace Consumer
            {
                public static class Driver
                {
                    public static VfioGroup? Open(VfioCore core, VfioDevice device)
                    {
                        VfioGroup group = core.GetExternalUserFromDev(device);
                        if (core.ExternalCheckExtension(group, 3) <= 0)
                        {
                            return null; // reported
                        }

                        return group;
                    }

                    public static VfioGroup? OpenUnderPragma(VfioCore core, VfioDevice device)
                    {
                        VfioGroup group = core.GetExternalUserFromDev(device);
                        if (core.ExternalCheckExtension(group, 3) <= 0)
                        {
            #pragma warning disable VFIO001 // the caller's process exits on this path
                            return null; // pragma
            #pragma warning restore VFIO001
                        }

                        return group;
                    }

                    [SuppressMessage("Reliability", "VFIO001", Justification = "the caller's process exits on this path")]
                    public static VfioGroup? OpenSuppressed(VfioCore core, VfioDevice device)
                    {
                        VfioGroup group = core.GetExternalUserFromDev(device);
                        if (core.ExternalCheckExtension(group, 3) <= 0)
                        {
                            return null; // attribute
                        }

                        return group;
                    }
                }
            }
            """;

        private Consumer(string directory) => Directory = directory;

        public string Directory { get; }

        public string SourcePath => Path.Combine(Directory, SourceFileName);

        /// <summary>Where the leaking <c>return</c> ending in <paramref name="marker"/> stands: 1-based line and column, as the compiler prints them.</summary>
        public static (int Line, int Column) LocationOf(string marker)
        {
            string[] lines = Source.Split('\n');
            int index = Array.FindIndex(lines, l => l.TrimEnd('\r').EndsWith("// " + marker, StringComparison.Ordinal));
            if (index < 0)
            {
                throw new InvalidOperationException($"no line ends with // {marker}");
            }

            return (index + 1, lines[index].IndexOf("return", StringComparison.Ordinal) + 1);
        }

        /// <param name="targetFrameworks">One framework, or several separated by ';' (then built in one restore and one build).</param>
        /// <param name="projectBody">More MSBuild XML inside the project: the properties and items a user would add.</param>
        public static Consumer Create(PackedFeed feed, string name, IReadOnlyDictionary<string, string>? extraFiles = null, string targetFrameworks = "net10.0", string projectBody = "")
        {
            string directory = Path.Combine(feed.Root, name);
            System.IO.Directory.CreateDirectory(directory);

            // Keep whatever sits above the temporary folder out of the build.
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <!-- No <clear />: the machine's own sources stay, this feed is added to them. -->
                    <add key="vfio-local" value="{feed.FeedDirectory}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFrameworks>{targetFrameworks}</TargetFrameworks>
                    <Nullable>enable</Nullable>
                    <!-- netstandard2.0 and net48 default to C# 7.3; the source uses nullable annotations, as such libraries do. -->
                    <LangVersion>latest</LangVersion>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="VfioAnalyzers" Version="{feed.Version}" PrivateAssets="all" />
                    <PackageReference Include="Vfio.Runtime" Version="{feed.Version}" />
                  </ItemGroup>
                {projectBody}
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, SourceFileName), Source);
            if (extraFiles is not null)
            {
                foreach (KeyValuePair<string, string> file in extraFiles)
                {
                    string path = Path.Combine(directory, file.Key);
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, file.Value);
                }
            }

            return new Consumer(directory);
        }

        public CliResult Build(PackedFeed feed, params string[] extraArguments)
        {
            string[] arguments = new[] { "build", "Consumer.csproj", "-nodeReuse:false", "-p:UseSharedCompilation=false" }
                .Concat(extraArguments)
                .ToArray();
            return DotNetCli.Run(Directory, feed.ConsumerEnvironment, arguments);
        }

        /// <summary>The distinct places where <paramref name="id"/> was printed with <paramref name="severity"/> in <paramref name="fileName"/> (by default <see cref="SourceFileName"/>).</summary>
        public static IReadOnlyList<(int Line, int Column)> Printed(CliResult result, string severity, string id, string fileName = SourceFileName)
        {
            Regex pattern = new Regex(@"(^|[/\\ ])" + Regex.Escape(fileName) + @"\((\d+),(\d+)\): " + severity + " " + id + ":", RegexOptions.Multiline);
            return pattern.Matches(result.Output)
                .Select(m => (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value)))
                .Distinct()
                .OrderBy(p => p)
                .ToList();
        }
    }
}
