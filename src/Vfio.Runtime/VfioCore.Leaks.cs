using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading;

namespace Vfio
{
    /// <summary>
    /// Records of the external-user references held now, with their call sites, so that a suite can assert that
    /// nothing leaked (<see cref="HeldExternalUsers"/>, <see cref="AssertNoLeaks"/>).
    /// </summary>
    /// <remarks>
    /// References are interchangeable, as in the kernel: a put retires one record of its group, preferring the
    /// most recent one taken from the same method as the put, else the most recent one. Recording captures a
    /// stack trace on every acquire attempt.
    /// </remarks>
    public sealed partial class VfioCore
    {
        private static readonly Assembly RuntimeAssembly = typeof(VfioCore).Assembly;

        /// <summary>Guards <see cref="_held"/> and every group's <see cref="VfioGroup.ExternalUserCount"/>.</summary>
        private readonly object _leakLock = new object();

        private readonly List<VfioHeldReference> _held = new List<VfioHeldReference>();

        /// <summary>
        /// The external-user references held on this core now, oldest first, each with the call site that
        /// acquired it. A snapshot: later acquires and puts do not change it.
        /// </summary>
        public IReadOnlyList<VfioHeldReference> HeldExternalUsers
        {
            get
            {
                lock (_leakLock)
                {
                    return _held.ToArray();
                }
            }
        }

        /// <summary>Throws when any external-user reference is still held, listing each with its call site.</summary>
        /// <exception cref="InvalidOperationException">A reference is still held.</exception>
        public void AssertNoLeaks()
        {
            IReadOnlyList<VfioHeldReference> held = HeldExternalUsers;
            if (held.Count == 0)
            {
                return;
            }

            StringBuilder message = new StringBuilder();
            message.Append(held.Count).Append(" external-user reference(s) still held:");
            foreach (VfioHeldReference reference in held)
            {
                message.AppendLine().Append("  ").Append(reference);
            }

            throw new InvalidOperationException(message.ToString());
        }

        /// <summary>The first frame outside this assembly: where a caller entered the runtime.</summary>
        private static (string Text, MethodBase? Method) CaptureCallSite(bool withFileInfo)
        {
            StackTrace trace = new StackTrace(1, withFileInfo);
            for (int i = 0; i < trace.FrameCount; i++)
            {
                StackFrame? frame = trace.GetFrame(i);
                MethodBase? method = frame?.GetMethod();
                if (frame is null || method is null || method.DeclaringType?.Assembly == RuntimeAssembly)
                {
                    continue;
                }

                string text = $"{method.DeclaringType?.FullName ?? "<global>"}.{method.Name}";
                string? file = frame.GetFileName();
                if (file is not null)
                {
                    text += $" in {file}:line {frame.GetFileLineNumber()}";
                }

                return (text, method);
            }

            return ("<unknown call site>", null);
        }

        /// <summary>Counts a reference just acquired on <paramref name="group"/> and records where.</summary>
        private void RecordExternalUser(VfioGroup group, (string Text, MethodBase? Method) callSite)
        {
            lock (_leakLock)
            {
                group.ExternalUserCount++;
                _held.Add(new VfioHeldReference(group, callSite.Text, callSite.Method, Environment.CurrentManagedThreadId));
            }
        }

        /// <summary>
        /// Uncounts one reference of <paramref name="group"/> before it is put; throws, changing nothing, when none is held.
        /// </summary>
        private void ForgetExternalUser(VfioGroup group, MethodBase? putter)
        {
            lock (_leakLock)
            {
                if (group.ExternalUserCount <= 0)
                {
                    throw new InvalidOperationException(
                        $"PutExternalUser on {group} with no external-user reference held: the put would underflow its counts.");
                }

                int match = -1;
                for (int i = _held.Count - 1; i >= 0; i--)
                {
                    if (ReferenceEquals(_held[i].Group, group))
                    {
                        if (match < 0)
                        {
                            match = i;
                        }

                        if (putter is not null && Equals(_held[i].Method, putter))
                        {
                            match = i;
                            break;
                        }
                    }
                }

                group.ExternalUserCount--;
                _held.RemoveAt(match);
            }
        }
    }
}
