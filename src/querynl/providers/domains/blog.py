"""Blogs: post titles, multi-sentence bodies and excerpts, comments, tags, post statuses."""

from __future__ import annotations

from querynl.providers.base import QueryNLProvider, patterned, vocabulary


class BlogProvider(QueryNLProvider):
    blog_topics = (
        "sourdough baking", "remote work", "home espresso", "container gardening", "trail running",
        "budget travel", "minimalism", "personal finance", "learning Spanish", "watercolor painting",
        "indoor plants", "meal prep", "bike commuting", "woodworking", "film photography",
        "productivity", "burnout", "public speaking", "side projects", "open source",
        "PostgreSQL indexes", "writing tests", "code reviews", "home networking", "3D printing",
        "board games", "bird watching", "slow fashion", "zero waste living", "cold brew coffee",
        "fermentation", "rock climbing", "marathon training", "parenting toddlers", "journaling",
        "interview prep", "freelancing", "camping with kids", "vegetarian cooking", "chess openings",
        "mechanical keyboards", "home composting", "solo travel", "language learning apps",
        "urban sketching", "beekeeping", "tiny houses", "vintage synthesizers", "cast iron care",
    )  # fmt: skip
    blog_periods = (
        "this year", "last month", "this spring", "over the winter", "in the past six months",
        "after ten years", "during lockdown", "this week", "on my first try", "in 30 days",
    )  # fmt: skip
    blog_numbers = ("3", "5", "7", "10", "12", "15", "21")
    post_title_formats = (
        "How I got started with {blog_topics}",
        "{blog_numbers} things I wish I knew about {blog_topics}",
        "A beginner's guide to {blog_topics}",
        "What {blog_topics} taught me {blog_periods}",
        "Why I stopped worrying about {blog_topics}",
        "The case for {blog_topics}",
        "{blog_numbers} mistakes to avoid with {blog_topics}",
        "My honest review of {blog_topics} {blog_periods}",
        "Getting better at {blog_topics}, one week at a time",
        "Everything you need to know about {blog_topics}",
        "Is {blog_topics} worth it?",
        "Notes on {blog_topics}",
        "{blog_numbers} lessons from {blog_topics}",
        "The hidden costs of {blog_topics}",
        "From zero to {blog_topics} {blog_periods}",
        "What nobody tells you about {blog_topics}",
        "Rethinking {blog_topics}",
        "A week of {blog_topics}",
    )  # fmt: skip
    post_sentences = (
        "I started looking into {blog_topics} {blog_periods}, mostly out of curiosity.",
        "The first thing I noticed was how much {blog_topics} depends on small habits.",
        "Most guides make {blog_topics} sound harder than it really is.",
        "If you are new to {blog_topics}, start small and stay consistent.",
        "It took me {blog_numbers} attempts before anything clicked.",
        "Here is what worked for me, and what did not.",
        "A friend suggested I write down everything I learned along the way.",
        "The biggest surprise was how quickly {blog_topics} became part of my routine.",
        "I made plenty of mistakes, and I will share the worst of them below.",
        "Budget was a real constraint, so I kept things simple.",
        "You do not need expensive gear to get started.",
        "After a few weeks, the results started to speak for themselves.",
        "There is a lot of conflicting advice out there about {blog_topics}.",
        "What finally made the difference was asking for help.",
        "I still have a lot to learn, but the progress feels real.",
        "Let me know in the comments what your experience has been.",
        "The community around {blog_topics} turned out to be incredibly welcoming.",
        "Looking back, I would have started much sooner.",
        "In the next post I will go deeper into {blog_topics}.",
        "Some days were frustrating, and that is part of the process.",
        "I tracked my progress in a simple spreadsheet.",
        "The best resources I found were free.",
        "Consistency beat intensity every single time.",
        "If I had to pick one tip, it would be to slow down.",
        "Thanks for reading, and see you next week.",
    )  # fmt: skip
    comment_sentences = (
        "Great post, thanks for sharing!", "This was exactly what I needed today.",
        "I had the same experience with {blog_topics}.", "Could you write more about {blog_topics}?",
        "Bookmarking this for later.", "Tried this {blog_periods} and it worked.",
        "I respectfully disagree with the second point.", "Love the honesty here.",
        "Any tips for someone just starting out?", "This made me want to try {blog_topics}.",
        "Well written and easy to follow.", "Thanks, this cleared things up for me.",
    )  # fmt: skip
    blog_tags = (
        "howto", "beginners", "lifestyle", "productivity", "travel", "food", "recipes", "diy",
        "gardening", "fitness", "running", "finance", "career", "programming", "databases",
        "photography", "art", "books", "reviews", "parenting", "wellness", "minimalism",
        "sustainability", "coffee", "outdoors", "learning", "tech", "opinion", "tutorial",
        "personal", "news", "tips", "guides", "hobbies", "music", "games",
    )  # fmt: skip
    blog_categories = (
        "Travel", "Food & Drink", "Technology", "Personal Finance", "Health & Fitness", "Home & Garden",
        "Parenting", "Careers", "Books", "Photography", "Music", "Science", "Productivity", "DIY",
        "Outdoors", "Opinion", "News", "Tutorials", "Culture", "Lifestyle",
    )  # fmt: skip
    post_statuses = ("draft", "published", "published", "published", "scheduled", "archived")

    post_title = patterned("post_title_formats", doc="A post title: ``A beginner's guide to beekeeping``.")
    post_body = patterned("post_sentences", (3, 7), shared=("blog_topics",), doc="Three to seven sentences.")
    post_excerpt = patterned("post_sentences", (1, 2), shared=("blog_topics",), doc="One or two sentences.")
    comment_body = patterned("comment_sentences", (1, 3), shared=("blog_topics",), doc="A reader's comment.")
    blog_tag = vocabulary("blog_tags")
    blog_category = vocabulary("blog_categories")
    post_status = vocabulary("post_statuses")

    def post_slug(self, max_chars: int | None = None) -> str:
        """A post's title as a URL slug, with a number so that slugs rarely repeat."""
        title = f"{self._compose(self.post_title.pattern)} {self.random_int(1, 9999)}"
        return self.generator.slug(value=title, max_chars=max_chars)
