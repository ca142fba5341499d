using System;
using System.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The characters of a text or part of one, as the scans read them: the string a file read by the compiler is held
    /// in, as it is, or a copy in a buffer the caller keeps (<see cref="TextBuffers"/>). Every file passes through
    /// several scans, at start and in the pre-filter: copying each for each would cost about as much as scanning it.
    /// </summary>
    internal readonly struct TextChars
    {
        private readonly string? _string;
        private readonly char[]? _array;

        public TextChars(string text)
        {
            _string = text;
            _array = null;
            Length = text.Length;
        }

        public TextChars(char[] buffer, int length)
        {
            _string = null;
            _array = buffer;
            Length = length;
        }

        public int Length { get; }

        public ReadOnlySpan<char> Span => _string != null ? _string.AsSpan() : new ReadOnlySpan<char>(_array, 0, Length);

        /// <summary>Whether every character is ASCII: the UTF-8 encoder counts bytes, vectorised, and ASCII takes one each.</summary>
        public bool IsAscii() => (_string != null ? Encoding.UTF8.GetByteCount(_string) : Encoding.UTF8.GetByteCount(_array!, 0, Length)) == Length;
    }
}
