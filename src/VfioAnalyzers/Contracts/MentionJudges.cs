using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// How the wrapper search judges a mention as the body that holds it would (<see cref="ContractNameIndex"/>), each
    /// verdict kept in the file's mentions: first from its member's text, then, where the text does not tell, from its token.
    /// </summary>
    internal readonly struct MentionJudges
    {
        private readonly System.Func<FileMentions, int, CallsFromText, SemanticModel, bool> _settledByText;
        private readonly System.Func<FileMentions, int, SyntaxToken, SemanticModel, bool> _mentionMayCall;

        public MentionJudges(System.Func<FileMentions, int, CallsFromText, SemanticModel, bool> settledByText, System.Func<FileMentions, int, SyntaxToken, SemanticModel, bool> mentionMayCall)
        {
            _settledByText = settledByText;
            _mentionMayCall = mentionMayCall;
        }

        /// <summary>Whether the text tells that the mention calls nothing (kept as its verdict); false where it does not tell.</summary>
        public bool SettledByText(FileMentions file, int index, CallsFromText calls, SemanticModel model) => _settledByText(file, index, calls, model);

        /// <summary>Whether the mention, found as this token, may call a contract member (kept as its verdict).</summary>
        public bool MentionMayCall(FileMentions file, int index, SyntaxToken token, SemanticModel model) => _mentionMayCall(file, index, token, model);
    }
}
