using System;

namespace Vfio
{
    /// <summary>
    /// Thrown where the kernel returns an error (<c>-E...</c> or <c>ERR_PTR(-E...)</c>); <see cref="Errno"/> is that error.
    /// When a member throws it, the member has changed nothing and holds nothing.
    /// </summary>
    public sealed class VfioException : Exception
    {
        /// <summary>Creates the exception for <paramref name="errno"/> with a default message.</summary>
        public VfioException(Errno errno)
            : this(errno, null)
        {
        }

        /// <summary>Creates the exception for <paramref name="errno"/>; the message is prefixed with the error's name and value.</summary>
        public VfioException(Errno errno, string? message)
            : base(Format(errno, message))
        {
            Errno = errno;
        }

        /// <summary>The Linux error number.</summary>
        public Errno Errno { get; }

        private static string Format(Errno errno, string? message)
        {
            string name = $"{errno} ({(int)errno})";
            return string.IsNullOrEmpty(message) ? name : $"{name}: {message}";
        }
    }
}
