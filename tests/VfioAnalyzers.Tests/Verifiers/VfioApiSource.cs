namespace VfioAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The annotated surface of Vfio.Runtime, declared in source for tests: the analyzer knows the
    /// annotations by full name, so this copy behaves exactly as the shipped runtime.
    /// </summary>
    public static class VfioApiSource
    {
        public const string Text = """
            #nullable enable
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Vfio.Annotations;

            namespace Vfio.Annotations
            {
                [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter)]
                internal sealed class AcquiresAttribute : Attribute { public AcquiresAttribute(string kind) { Kind = kind; } public string Kind { get; } public AcquiredWhen When { get; set; } }

                internal enum AcquiredWhen { Default, Zero, NonNegative }

                [AttributeUsage(AttributeTargets.Parameter)]
                internal sealed class ReleasesAttribute : Attribute { public ReleasesAttribute(string kind) { Kind = kind; } public string Kind { get; } }
            }

            namespace Vfio
            {
                public enum Errno { EPERM = 1, EBADF = 9, EBUSY = 16, ENODEV = 19, EINVAL = 22 }
                public sealed class VfioException : Exception { public VfioException(Errno errno) { Errno = errno; } public Errno Errno { get; } }
                public sealed class VfioGroup { public int Id { get; } public int ExternalUsers { get; } }
                public sealed class VfioGroupFile { public void Close() { } }
                public sealed class VfioDevice { public string Name { get; } = ""; }
                public sealed class VfioContainer { }

                public sealed class VfioCore
                {
                    [Acquires("vfio-group")]
                    public VfioGroup GetExternalUser(VfioGroupFile file) => throw new NotImplementedException();

                    [Acquires("vfio-group")]
                    public VfioGroup GetExternalUserFromDev(VfioDevice device) => throw new NotImplementedException();

                    public bool TryGetExternalUser(VfioGroupFile file, [Acquires("vfio-group")][NotNullWhen(true)] out VfioGroup? group, out Errno error) => throw new NotImplementedException();

                    public bool TryGetExternalUserFromDev(VfioDevice device, [Acquires("vfio-group")][NotNullWhen(true)] out VfioGroup? group, out Errno error) => throw new NotImplementedException();

                    public int GetExternalUserErrno(VfioGroupFile file, [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? group) => throw new NotImplementedException();

                    public int GetExternalUserFromDevErrno(VfioDevice device, [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? group) => throw new NotImplementedException();

                    public void PutExternalUser([Releases("vfio-group")] VfioGroup group) { }

                    public bool ExternalGroupMatchFile(VfioGroup group, VfioGroupFile file) => true;

                    public int ExternalUserIommuId(VfioGroup group) => group.Id;

                    public long ExternalCheckExtension(VfioGroup group, long extension) => 1;
                }
            }
            """;
    }
}
