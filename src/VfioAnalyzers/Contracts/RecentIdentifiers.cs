namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The identifiers read off text lately on this thread, so that the same receiver read at each of its calls is one
    /// string, not a new one per call: a small table indexed by the characters' hash, where a newcomer takes the slot
    /// of whatever was there. It holds strings only, never syntax or symbols, so a compilation is not kept alive by it.
    /// </summary>
    internal static class RecentIdentifiers
    {
        private const int Slots = 256;

        [System.ThreadStatic]
        private static string?[]? t_slots;

        /// <summary>The string of <paramref name="length"/> characters of <paramref name="buffer"/> from <paramref name="start"/>.</summary>
        public static string Get(char[] buffer, int start, int length)
        {
            var slots = t_slots ??= new string?[Slots];
            int hash = length;
            for (int i = 0; i < length; i++)
            {
                hash = unchecked((hash * 31) + buffer[start + i]);
            }

            int slot = hash & (Slots - 1);
            var known = slots[slot];
            if (known != null && SpellsAt(known, buffer, start, length))
            {
                return known;
            }

            return slots[slot] = new string(buffer, start, length);
        }

        private static bool SpellsAt(string known, char[] buffer, int start, int length)
        {
            if (known.Length != length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (known[i] != buffer[start + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
