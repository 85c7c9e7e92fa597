// LessonRunner
